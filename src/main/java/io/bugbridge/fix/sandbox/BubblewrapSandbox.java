package io.bugbridge.fix.sandbox;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Runs commands in Debian's bubblewrap: no network, an empty environment, read-only system
 * directories, nothing of the host's home, data or other directories, and the work directory as
 * the only writable place; limited in CPU time, memory, processes and wall time.
 */
public final class BubblewrapSandbox implements Sandbox {

	private static final Duration PROBE_TIME = Duration.ofSeconds(30);

	/** bubblewrap and its pid-1 helper are part of the process tree too. */
	private static final int BWRAP_PROCESSES = 2;

	private final SandboxProperties properties;

	private final BubblewrapArguments arguments;

	private final ProcessSupervisor supervisor;

	private Availability availability;

	public BubblewrapSandbox(SandboxProperties properties) {
		this.properties = properties;
		this.arguments = new BubblewrapArguments(properties);
		this.supervisor = new ProcessSupervisor(properties.maxOutputChars(),
				properties.maxProcesses() + BWRAP_PROCESSES);
	}

	@Override
	public SandboxResult run(Path workDir, String command, Duration wallTime) throws IOException, InterruptedException {
		Availability current = availability();
		if (!current.available()) {
			// Never fall back to running unsandboxed: that is an admin's explicit decision.
			throw new IOException("The Auto-Fix sandbox does not work on this machine: " + current.description());
		}
		return execute(CommandLimits.checkedWorkDir(workDir), command,
				(wallTime != null) ? wallTime : properties.defaultWallTime());
	}

	@Override
	public Process start(Path workDir, String command, Launch launch, java.io.File stderr) throws IOException {
		Availability current = availability();
		if (!current.available()) {
			throw new IOException("The Auto-Fix sandbox does not work on this machine: " + current.description());
		}
		Path directory = CommandLimits.checkedWorkDir(workDir);
		return ProcessSupervisor.start(arguments.command(directory, command, launch), directory, Map.of(), stderr);
	}

	private SandboxResult execute(Path workDir, String command, Duration wallTime)
			throws IOException, InterruptedException {
		return supervisor.run(arguments.command(workDir, command), workDir, Map.of(), wallTime, true);
	}

	@Override
	public synchronized Availability availability() {
		if (availability == null) {
			availability = probe();
		}
		return availability;
	}

	private Availability probe() {
		String missing = CommandLimits.missingPrlimit();
		if (missing != null) {
			return new Availability(false, missing + ".");
		}
		try (ScratchDirectory probeDir = new ScratchDirectory("bugbridge-sandbox-probe")) {
			// The full sandbox, not a minimal one: every option must work, --disable-userns included.
			SandboxResult result = execute(probeDir.path(), "test -w . && ! test -e /root", PROBE_TIME);
			if (result.exitCode() != 0) {
				return new Availability(false, failure(result));
			}
			return new Availability(true, version() + ": no network (loopback only), empty environment, read-only "
					+ "system directories, only the work directory writable, " + properties.cpuSeconds()
					+ " CPU seconds and " + properties.memoryMegabytes() + " MB per process, "
					+ properties.maxProcesses() + " processes");
		}
		catch (IOException ex) {
			return new Availability(false, "bubblewrap (" + properties.bwrapPath() + ") cannot be started ("
					+ ex.getMessage() + "): install Debian's bubblewrap: apt-get install bubblewrap.");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Availability(false, "The sandbox probe was interrupted.");
		}
	}

	private String failure(SandboxResult result) {
		String error = result.output().strip();
		if (error.isEmpty()) {
			error = "exit code " + result.exitCode();
		}
		String hint = error.contains("namespace") || error.contains("ermission")
				? " — bubblewrap needs user namespaces: allow them (sysctl user.max_user_namespaces=15000, "
						+ "kernel.unprivileged_userns_clone=1; in a container, a seccomp/AppArmor profile that permits them)"
				: "";
		return "bubblewrap (" + properties.bwrapPath() + ") cannot create the sandbox: " + error + hint + ".";
	}

	private String version() throws IOException, InterruptedException {
		ProcessBuilder builder = new ProcessBuilder(properties.bwrapPath(), "--version").redirectErrorStream(true);
		builder.environment().clear();
		Process process = builder.start();
		String version = new String(process.getInputStream().readAllBytes()).strip();
		process.waitFor();
		return version.isEmpty() ? "bubblewrap" : version;
	}

}
