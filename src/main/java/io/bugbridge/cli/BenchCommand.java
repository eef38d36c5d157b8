package io.bugbridge.cli;

import picocli.CommandLine.Command;

/** Benchmarks of BugBridge's analyses on public data sets. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Run a benchmark.",
		subcommands = { LocalizeBenchCommand.class, IndexBenchCommand.class, ApiBenchCommand.class, CapacityBenchCommand.class,
				DuplicateBenchCommand.class, LocalizeCvCommand.class })
class BenchCommand {

}
