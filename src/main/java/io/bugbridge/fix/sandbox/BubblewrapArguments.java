package io.bugbridge.fix.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The bubblewrap command line: a new root that holds only what toolchains need, read-only, plus
 * the work directory.
 */
final class BubblewrapArguments {

	static final String HOME = "/tmp/home";

	/** Non-root inside, so tools behave as for a normal user; it maps to the service's own uid. */
	private static final String SANDBOX_ID = "65534";

	/** Top-level links of a merged-/usr Debian, or directories on older layouts. */
	private static final List<String> SYSTEM_DIRECTORIES = List.of("/bin", "/sbin", "/lib", "/lib32", "/lib64",
			"/libx32");

	/**
	 * The parts of /etc that compilers, interpreters and test runners read. Everything else in
	 * /etc stays out: the command runs as the owner of root's files, so /etc/shadow, service
	 * configuration with passwords and host keys would otherwise be readable.
	 */
	private static final List<String> ETC_FILES = List.of("/etc/alternatives", "/etc/ssl", "/etc/ca-certificates",
			"/etc/java-17-openjdk", "/etc/java-21-openjdk", "/etc/java-25-openjdk", "/etc/maven", "/etc/python3",
			"/etc/passwd", "/etc/group", "/etc/hosts", "/etc/resolv.conf", "/etc/nsswitch.conf",
			"/etc/host.conf", "/etc/gai.conf", "/etc/protocols", "/etc/services", "/etc/localtime", "/etc/timezone",
			"/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/locale.alias", "/etc/mime.types",
			"/etc/os-release", "/etc/debian_version", "/etc/fonts");

	private final SandboxProperties properties;

	BubblewrapArguments(SandboxProperties properties) {
		this.properties = properties;
	}

	List<String> command(Path workDir, String command) throws IOException {
		return command(workDir, command, new Sandbox.Launch(Map.of(), List.of(), List.of()));
	}

	List<String> command(Path workDir, String command, Sandbox.Launch launch) throws IOException {
		List<String> argv = new ArrayList<>();
		argv.add(properties.bwrapPath());
		// Kill the sandbox with the supervising JVM; a new session keeps it off the service's
		// terminal (TIOCSTI).
		argv.addAll(List.of("--die-with-parent", "--new-session"));
		// Network, pid, ipc, uts and cgroup namespaces: only a loopback without listeners, a fresh
		// process table. A user namespace that cannot nest keeps the kernel surface small.
		argv.addAll(List.of("--unshare-all", "--unshare-user", "--disable-userns", "--uid", SANDBOX_ID, "--gid",
				SANDBOX_ID, "--hostname", "sandbox"));
		argv.addAll(List.of("--ro-bind", "/usr", "/usr"));
		for (String directory : SYSTEM_DIRECTORIES) {
			systemDirectory(argv, Path.of(directory));
		}
		for (String file : ETC_FILES) {
			argv.addAll(List.of("--ro-bind-try", file, file));
		}
		argv.addAll(List.of("--dev", "/dev", "--proc", "/proc"));
		String scratchBytes = Long.toString(properties.memoryMegabytes() * 1024 * 1024);
		argv.addAll(List.of("--size", scratchBytes, "--tmpfs", "/tmp", "--dir", HOME));
		for (String path : properties.readOnlyPaths()) {
			argv.addAll(List.of("--ro-bind-try", path, path));
		}
		for (Path path : launch.readOnlyPaths()) {
			argv.addAll(List.of("--ro-bind", path.toString(), path.toString()));
		}
		for (Path path : launch.writablePaths()) {
			argv.addAll(List.of("--bind", path.toString(), path.toString()));
		}
		// Last, so that it is writable even below /tmp or a read-only path; the same absolute path
		// keeps paths in build output and build caches meaningful.
		String work = workDir.toString();
		argv.addAll(List.of("--bind", work, work, "--chdir", work));
		// The skeleton bubblewrap builds the root from is an unbounded tmpfs; read-only, it can
		// neither fill the host's memory nor look like a place to keep files.
		argv.addAll(List.of("--remount-ro", "/"));
		argv.add("--clearenv");
		for (Map.Entry<String, String> variable : CommandLimits.environment(properties, HOME, "/tmp").entrySet()) {
			argv.addAll(List.of("--setenv", variable.getKey(), variable.getValue()));
		}
		for (Map.Entry<String, String> variable : launch.environment().entrySet()) {
			argv.addAll(List.of("--setenv", variable.getKey(), variable.getValue()));
		}
		argv.add("--");
		argv.addAll(CommandLimits.limitedShell(properties, command));
		return argv;
	}

	private static void systemDirectory(List<String> argv, Path directory) throws IOException {
		if (Files.isSymbolicLink(directory)) {
			argv.addAll(List.of("--symlink", Files.readSymbolicLink(directory).toString(), directory.toString()));
		}
		else if (Files.isDirectory(directory)) {
			argv.addAll(List.of("--ro-bind", directory.toString(), directory.toString()));
		}
	}

}
