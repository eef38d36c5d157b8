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
	 * @param available whether {@link #run} can be used
	 * @param description what the sandbox isolates, or in one sentence why it does not work and
	 * how to fix that
	 */
	record Availability(boolean available, String description) {
	}

}
