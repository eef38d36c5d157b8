package io.bugbridge.fix.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every command gets, sandboxed or not: resource limits and a fresh environment.
 */
final class CommandLimits {

	/** util-linux, essential on Debian; inside the sandbox it is reached through the /usr bind. */
	static final Path PRLIMIT = Path.of("/usr/bin/prlimit");

	static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

	private CommandLimits() {
	}

	/**
	 * The shell command line wrapped in prlimit. Limits are set by an exec'd process rather than
	 * the JVM so that they bind the command and everything it starts, never the service. Soft and
	 * hard limits are equal so the agent's code cannot raise them again.
	 */
	static List<String> limitedShell(SandboxProperties properties, String command) {
		List<String> argv = new ArrayList<>();
		argv.add(PRLIMIT.toString());
		argv.add("--cpu=" + properties.cpuSeconds());
		argv.add("--as=" + properties.memoryMegabytes() * 1024 * 1024);
		argv.add("--nproc=" + properties.maxProcesses());
		// A crashing JVM or interpreter would otherwise leave cores as big as the memory limit.
		argv.add("--core=0");
		argv.add("--");
		argv.add("/bin/sh");
		argv.add("-c");
		argv.add(command);
		return argv;
	}

	/**
	 * The only variables a command sees: nothing of the service's environment (API keys, tokens,
	 * secrets) unless an admin names it in {@code passEnvironment}.
	 */
	static Map<String, String> environment(SandboxProperties properties, String home, String tmp) {
		Map<String, String> environment = new LinkedHashMap<>();
		environment.put("PATH", PATH);
		environment.put("HOME", home);
		environment.put("LANG", "C.UTF-8");
		environment.put("TMPDIR", tmp);
		for (String name : properties.passEnvironment()) {
			String value = System.getenv(name);
			if (value != null) {
				environment.put(name, value);
			}
		}
		return environment;
	}

	/** Why limits cannot be applied on this machine, or {@code null}. */
	static String missingPrlimit() {
		return Files.isExecutable(PRLIMIT) ? null
				: PRLIMIT + " is missing, so commands could not be limited: install util-linux (apt-get install util-linux)";
	}

	static Path checkedWorkDir(Path workDir) throws java.io.IOException {
		Path real = workDir.toRealPath();
		if (!Files.isDirectory(real) || real.getParent() == null) {
			throw new java.io.IOException("The work directory must be an existing directory other than /: " + workDir);
		}
		return real;
	}

}
