package io.bugbridge.fix.sandbox;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Runs the commands of an Auto-Fix session (a repository's test command, which executes code an
 * AI agent wrote) so that they can only change their work directory.
 */
public interface Sandbox {

	/**
	 * Runs a shell command line ({@code /bin/sh -c <command>}) with {@code workDir} as the only
	 * writable directory.
	 * @param workDir an existing directory; the command starts in it
	 * @param command the shell command line
	 * @param wallTime how long the command may run before its whole process tree is killed
	 * @return the exit code, the merged output and whether the wall time ran out
	 * @throws IOException when the command cannot be started, including when the sandbox is not
	 * {@linkplain #availability() available} on this machine
	 */
	SandboxResult run(Path workDir, String command, Duration wallTime) throws IOException, InterruptedException;

	/**
	 * Whether the sandbox really works on this machine (runs a probe the first time; cached), with
	 * the reason when not.
	 */
	Availability availability();

	/**
	 * Starts a long-running command (an agent CLI) in the same isolation as {@link #run}, for a caller
	 * that reads its output as it arrives and stops it itself: stdin and stdout are pipes, stderr goes
	 * to {@code stderr}. The caller must kill the process (and its descendants) when done.
	 * @param launch what the command gets beyond an ordinary test run: variables and extra host paths
	 */
	default Process start(Path workDir, String command, Launch launch, java.io.File stderr) throws IOException {
		throw new IOException(getClass().getSimpleName() + " cannot start long-running commands");
	}

	/**
	 * What a long-running command gets beyond a test run.
	 * @param environment variables added to the sandbox's fixed ones (never the service's own environment)
	 * @param readOnlyPaths host paths bound read-only at the same path (e.g. the CLI's install directory)
	 * @param writablePaths host paths bound writable at the same path (e.g. a directory with a Unix socket)
	 */
	record Launch(java.util.Map<String, String> environment, java.util.List<Path> readOnlyPaths,
			java.util.List<Path> writablePaths) {

		public Launch {
			environment = java.util.Map.copyOf(environment);
			readOnlyPaths = java.util.List.copyOf(readOnlyPaths);
			writablePaths = java.util.List.copyOf(writablePaths);
		}

	}

	/**
	 * @param available whether {@link #run} can be used
	 * @param description what the sandbox isolates, or in one sentence why it does not work and
	 * how to fix that
	 */
	record Availability(boolean available, String description) {
	}

}
