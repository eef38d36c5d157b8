package io.bugbridge.fix.sandbox;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts one command, collects its output concurrently and kills its whole process tree when it
 * runs out of wall time or starts too many processes.
 */
final class ProcessSupervisor {

	private static final long POLL_MILLIS = 50;

	/** How long output may keep flowing after the command ended, from orphans that hold the pipe. */
	private static final Duration OUTPUT_GRACE = Duration.ofSeconds(5);

	private final int maxOutputChars;

	private final long maxDescendants;

	/**
	 * @param maxDescendants processes the command tree may have before it is killed. The kernel's
	 * RLIMIT_NPROC (set through prlimit) never applies to uid 0, so a service running as root
	 * needs this watchdog to stop a fork bomb.
	 */
	ProcessSupervisor(int maxOutputChars, long maxDescendants) {
		this.maxOutputChars = maxOutputChars;
		this.maxDescendants = maxDescendants;
	}

	SandboxResult run(List<String> argv, Path directory, Map<String, String> environment, Duration wallTime,
			boolean sandboxed) throws IOException, InterruptedException {
		ProcessBuilder builder = new ProcessBuilder(argv).directory(directory.toFile())
			.redirectErrorStream(true)
			.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
		// Nothing of the JVM's environment reaches the child: even bubblewrap's own environment is
		// readable inside the sandbox, as /proc/1/environ of its pid-1 helper.
		builder.environment().clear();
		builder.environment().putAll(environment);
		long started = System.nanoTime();
		long deadline = started + wallTime.toNanos();
		Process process = builder.start();
		OutputCollector output = new OutputCollector(maxOutputChars);
		Thread reader = new Thread(() -> output.drain(process.getInputStream()), "sandbox-output-" + process.pid());
		reader.setDaemon(true);
		reader.start();
		boolean timedOut = false;
		String stopped = null;
		List<ProcessHandle> tree = List.of();
		try {
			while (!process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
				tree = process.descendants().toList();
				if (System.nanoTime() - deadline > 0) {
					timedOut = true;
					stopped = "the wall time of " + wallTime + " ran out";
				}
				else if (tree.size() > maxDescendants) {
					stopped = "it started more than " + maxDescendants + " processes";
				}
				if (stopped != null) {
					killTree(process, tree);
					break;
				}
			}
		}
		finally {
			if (process.isAlive()) {
				// Interrupted: never leave the agent's code running.
				killTree(process, process.descendants().toList());
			}
		}
		int exitCode = process.waitFor();
		// Orphans that outlived the command (possible only unsandboxed; a pid namespace dies with it).
		tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
		reader.join(OUTPUT_GRACE.toMillis());
		Duration duration = Duration.ofNanos(System.nanoTime() - started);
		String text = output.text();
		if (stopped != null) {
			text = text + "\n[sandbox: killed because " + stopped + "]\n";
		}
		return new SandboxResult(exitCode, text, timedOut, duration, sandboxed);
	}

	/** Starts a command whose output the caller reads: stdin and stdout piped, stderr to a file. */
	static Process start(List<String> argv, Path directory, Map<String, String> environment, File stderr)
			throws IOException {
		ProcessBuilder builder = new ProcessBuilder(argv).directory(directory.toFile())
			.redirectError(ProcessBuilder.Redirect.to(stderr));
		builder.environment().clear();
		builder.environment().putAll(environment);
		return builder.start();
	}

	/**
	 * Kills the root first: bubblewrap's children get SIGKILL when it dies (--die-with-parent), which
	 * ends the sandbox's pid namespace and with it every process inside.
	 */
	private static void killTree(Process process, List<ProcessHandle> tree) {
		process.destroyForcibly();
		tree.forEach(ProcessHandle::destroyForcibly);
	}

}
