package io.bugbridge.fix.agent;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import io.bugbridge.agent.AgentTool;
import io.bugbridge.fix.sandbox.Sandbox;
import io.bugbridge.fix.sandbox.SandboxResult;
import tools.jackson.databind.JsonNode;

/**
 * {@code run_tests {selector?}}: the repository's test command in the sandbox, optionally narrowed,
 * returning the exit code and the output's head and tail. The agent's word that tests pass counts
 * for nothing: the service runs them again itself before anything is pushed.
 */
final class RunTests implements AgentTool {

	/** Selectors become part of a shell command line: only characters test selectors need. */
	private static final Pattern SELECTOR = Pattern.compile("[A-Za-z0-9_./:#*,\\[\\]=-]{1,200}");

	private static final int OUTPUT_CHARS = 12_000;

	private final Sandbox sandbox;

	private final java.nio.file.Path directory;

	private final TestCommand command;

	private final Consumer<String> log;

	RunTests(Sandbox sandbox, java.nio.file.Path directory, TestCommand command, Consumer<String> log) {
		this.sandbox = sandbox;
		this.directory = directory;
		this.command = command;
		this.log = log;
	}

	@Override
	public String name() {
		return "run_tests";
	}

	@Override
	public String description() {
		return "Run the repository's tests (" + command.command() + ") in a sandbox without network. Optionally narrow"
				+ " them with a selector (a test class, file or node id). Returns the exit code and the output.";
	}

	@Override
	public Map<String, Object> inputSchema() {
		return Map.of("type", "object", "properties", Map.of("selector", Map.of("type", "string", "description",
				"e.g. tests/test_cart.py::test_total or CartTest")));
	}

	@Override
	public ToolResult call(JsonNode input) throws Exception {
		String selector = input.path("selector").asString("").strip();
		if (!selector.isEmpty() && !SELECTOR.matcher(selector).matches()) {
			return ToolResult.error("selector may only contain letters, digits and _./:#*,[]=-");
		}
		String line = command.narrowed(selector);
		log.accept("Running " + line);
		SandboxResult result = sandbox.run(directory, line, command.timeout());
		String output = result.output();
		if (output.length() > OUTPUT_CHARS) {
			output = output.substring(0, OUTPUT_CHARS / 3) + "\n[...]\n" + output.substring(output.length() - 2 * OUTPUT_CHARS / 3);
		}
		String verdict = result.timedOut() ? "TIMED OUT after " + command.timeout().toSeconds() + " s"
				: "exit code " + result.exitCode() + (result.exitCode() == 0 ? " (passed)" : " (failed)");
		return ToolResult.ok("$ " + line + "\n" + verdict + "\n" + output, "Ran tests: " + verdict);
	}

	/** The configured test command and how to narrow it. */
	record TestCommand(String command, String selectorCommand, Duration timeout) {

		String narrowed(String selector) {
			if (selector == null || selector.isEmpty()) {
				return command;
			}
			return selectorCommand != null && selectorCommand.contains("{selector}")
					? selectorCommand.replace("{selector}", selector) : command + " " + selector;
		}

	}


}
