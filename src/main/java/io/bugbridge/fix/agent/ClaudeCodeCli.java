package io.bugbridge.fix.agent;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Finds the Claude Code CLI and Node on this machine and asks the CLI for its version (once; cached),
 * for the executor, Auto-Fix's availability and {@code doctor}.
 */
public final class ClaudeCodeCli {

	public static final String INSTALL = "npm install -g @anthropic-ai/claude-code@2.1";

	private final ExecutorProperties.ClaudeCode properties;

	private Status status;

	public ClaudeCodeCli(ExecutorProperties.ClaudeCode properties) {
		this.properties = properties;
	}

	/**
	 * @param executable the CLI's real path (symbolic links resolved), null when missing
	 * @param node Node's real path, null when missing
	 * @param version e.g. {@code 2.1.197 (Claude Code)}
	 * @param problem why it cannot be used, with the fix; null when it can
	 */
	public record Status(Path executable, Path node, String version, String problem) {

		public boolean available() {
			return problem == null;
		}

	}

	public synchronized Status status() {
		if (status == null) {
			status = probe();
		}
		return status;
	}

	private Status probe() {
		Path executable = find(properties.command());
		if (executable == null) {
			return new Status(null, null, null, "the Claude Code CLI (" + properties.command()
					+ ") is not installed: " + INSTALL);
		}
		Path node = find(properties.node());
		if (node == null) {
			return new Status(executable, null, null, "Node (" + properties.node()
					+ ") is missing; the sandbox's relay to Anthropic needs it: apt-get install nodejs");
		}
		try {
			Path home = Files.createTempDirectory("bugbridge-claude-version");
			ProcessBuilder builder = new ProcessBuilder(executable.toString(), "--version").redirectErrorStream(true)
				.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
			builder.environment().clear();
			builder.environment().put("PATH", "/usr/local/bin:/usr/bin:/bin");
			builder.environment().put("HOME", home.toString());
			builder.environment().put("DISABLE_AUTOUPDATER", "1");
			builder.environment().put("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1");
			Process process = builder.start();
			boolean ended = process.waitFor(30, TimeUnit.SECONDS);
			String output = new String(process.getInputStream().readNBytes(2000), StandardCharsets.UTF_8).strip();
			if (!ended) {
				process.destroyForcibly();
				return new Status(executable, node, null, executable + " --version did not answer within 30 s");
			}
			if (process.exitValue() != 0 || output.isEmpty()) {
				return new Status(executable, node, null, executable + " --version failed (exit " + process.exitValue()
						+ "): " + output + "; reinstall it: " + INSTALL);
			}
			return new Status(executable, node, output.lines().findFirst().orElse(output), null);
		}
		catch (IOException ex) {
			return new Status(executable, node, null, executable + " cannot be started (" + ex.getMessage() + "): "
					+ INSTALL);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Status(executable, node, null, "interrupted while asking " + executable + " for its version");
		}
	}

	/** A path, or a name on the service's PATH; with symbolic links resolved. */
	static Path find(String command) {
		if (command == null || command.isBlank()) {
			return null;
		}
		try {
			if (command.contains("/")) {
				Path path = Path.of(command);
				return Files.isExecutable(path) ? path.toRealPath() : null;
			}
			String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
			for (String directory : path.split(File.pathSeparator)) {
				if (directory.isBlank()) {
					continue;
				}
				Path candidate = Path.of(directory, command);
				if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
					return candidate.toRealPath();
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			return null;
		}
		return null;
	}

}
