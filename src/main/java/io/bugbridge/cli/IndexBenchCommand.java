package io.bugbridge.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.bugbridge.analysis.CodeLocalizer;
import io.bugbridge.analysis.IndexedCommit;
import io.bugbridge.analysis.LocalizerOptions;
import io.bugbridge.analysis.RepositorySource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Times indexing a repository the way the service does: a cold first index of a commit into a new
 * index directory, then the same commit again (nothing to analyse) and, with {@code --then}, a
 * later commit (only changed files analysed).
 */
@Command(name = "index", mixinStandardHelpOptions = true,
		description = "Time code indexing of a git repository (cold, warm, incremental).")
class IndexBenchCommand implements Callable<Integer> {

	@Option(names = "--git-dir", required = true, description = "A git repository (bare or not).")
	Path gitDir;

	@Option(names = "--revision", defaultValue = "HEAD", description = "Commit to index. Default: ${DEFAULT-VALUE}.")
	String revision;

	@Option(names = "--then", description = "A later commit to index incrementally afterwards.")
	String then;

	@Override
	public Integer call() throws Exception {
		Path indexDir = Files.createTempDirectory("bb-index-bench");
		try (CodeLocalizer localizer = CodeLocalizer.open(RepositorySource.of(gitDir), LocalizerOptions.onDisk(indexDir))) {
			measure("cold", localizer, revision);
			measure("warm", localizer, revision);
			if (then != null) {
				measure("incremental", localizer, then);
			}
		}
		return 0;
	}

	private static void measure(String phase, CodeLocalizer localizer, String revision) throws Exception {
		long started = System.nanoTime();
		try (IndexedCommit commit = localizer.index(revision)) {
			long ms = (System.nanoTime() - started) / 1_000_000;
			System.out.printf(Locale.ROOT, "%-12s commit=%s files=%d analysed=%d ms=%d%n", phase,
					commit.commit().substring(0, 10), commit.fileCount(), commit.analysedFiles(), ms);
		}
	}

}
