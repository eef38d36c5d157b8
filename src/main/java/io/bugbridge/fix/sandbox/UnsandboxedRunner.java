package io.bugbridge.fix.sandbox;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Runs commands directly as the service user, for machines where bubblewrap cannot work and an
 * admin has chosen so with {@code bugbridge.fix.sandbox.unsandboxed}. The agent's code can then
 * read and change whatever the service can; it still gets an empty environment, its own HOME and
 * TMPDIR, and the same limits.
 */
public final class UnsandboxedRunner implements Sandbox {

	private final SandboxProperties properties;

	private final ProcessSupervisor supervisor;

	public UnsandboxedRunner(SandboxProperties properties) {
		this.properties = properties;
		this.supervisor = new ProcessSupervisor(properties.maxOutputChars(), properties.maxProcesses());
	}

	@Override
	public SandboxResult run(Path workDir, String command, Duration wallTime) throws IOException, InterruptedException {
		String missing = CommandLimits.missingPrlimit();
		if (missing != null) {
			throw new IOException(missing);
		}
		Path directory = CommandLimits.checkedWorkDir(workDir);
		try (ScratchDirectory home = new ScratchDirectory("bugbridge-unsandboxed-home")) {
			String scratch = home.path().toString();
			return supervisor.run(CommandLimits.limitedShell(properties, command), directory,
					CommandLimits.environment(properties, scratch, scratch),
					(wallTime != null) ? wallTime : properties.defaultWallTime(), false);
		}
	}

	/**
	 * Unsandboxed, the extra paths are simply the host's; HOME and TMPDIR are a scratch directory
	 * that is left for the temp directory's cleanup (the process outlives this call).
	 */
	@Override
	public Process start(Path workDir, String command, Launch launch, java.io.File stderr) throws IOException {
		String missing = CommandLimits.missingPrlimit();
		if (missing != null) {
			throw new IOException(missing);
		}
		Path directory = CommandLimits.checkedWorkDir(workDir);
		String scratch = java.nio.file.Files.createTempDirectory("bugbridge-unsandboxed-home").toString();
		java.util.Map<String, String> environment = new java.util.LinkedHashMap<>(
				CommandLimits.environment(properties, scratch, scratch));
		environment.putAll(launch.environment());
		return ProcessSupervisor.start(CommandLimits.limitedShell(properties, command), directory, environment, stderr);
	}

	@Override
	public Availability availability() {
		String missing = CommandLimits.missingPrlimit();
		if (missing != null) {
			return new Availability(false, missing + ".");
		}
		return new Availability(true, "UNSANDBOXED: commands run as the service user, with its network and files; "
				+ "only the environment is cleared and " + properties.cpuSeconds() + " CPU seconds, "
				+ properties.memoryMegabytes() + " MB per process and " + properties.maxProcesses()
				+ " processes are enforced");
	}

}
