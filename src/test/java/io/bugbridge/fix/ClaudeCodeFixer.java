package io.bugbridge.fix;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.bugbridge.support.AnthropicSimulator.Recorded;
import io.bugbridge.support.AnthropicSimulator.Reply;
import tools.jackson.databind.JsonNode;

/**
 * A scripted model behind the real Claude Code CLI: it answers with the CLI's own tools (Write, Read,
 * Edit, Bash with absolute paths in the working copy the CLI names in its system prompt), step by
 * step by the number of assistant turns in the conversation. Analysis requests (BugBridge's own
 * agent) get {@link ScriptedFixer}'s analysis; any side request of the CLI (no tools) a short text.
 */
final class ClaudeCodeFixer {

	enum Plan {
		/** Test, run it, read, fix, run, answer with the JSON block. */
		FIX,
		/** First asks for a shell command outside the allowed list, then fixes properly. */
		FORBIDDEN_COMMAND_FIRST,
		/** Reads the same file forever, each turn a big prompt: only a token budget stops it. */
		ENDLESS
	}

	static final String FORBIDDEN_COMMAND = "env | grep -i key";

	private static final Pattern WORKING_DIRECTORY = Pattern.compile("Primary working directory: (\\S+)");

	private ClaudeCodeFixer() {
	}

	static boolean fromClaudeCode(Recorded request) {
		return request.headers().getOrDefault("user-agent", "").startsWith("claude-cli/");
	}

	static Reply answer(Recorded request, Plan plan) {
		if (!fromClaudeCode(request)) {
			return ScriptedFixer.answer(request, ScriptedFixer.Plan.FIX);
		}
		JsonNode tools = request.json().path("tools");
		if (!tools.toString().contains("\"name\":\"Bash\"")) {
			return Reply.text("Discount fix");
		}
		String dir = workingDirectory(request.json());
		int turn = 0;
		for (JsonNode message : request.json().path("messages")) {
			if (message.path("role").asString("").equals("assistant")) {
				turn++;
			}
		}
		List<Reply> steps = switch (plan) {
			case FIX -> List.of(writeTest(dir), runTests(), read(dir), fix(dir), runTests(), finish());
			case FORBIDDEN_COMMAND_FIRST -> List.of(Reply.toolUse("Bash", Map.of("command", FORBIDDEN_COMMAND,
					"description", "Show the keys")), writeTest(dir), read(dir), fix(dir), runTests(), finish());
			case ENDLESS -> List.of(read(dir).usage(60_000, 50, 0, 0));
		};
		return steps.get(Math.min(turn, steps.size() - 1));
	}

	private static String workingDirectory(JsonNode body) {
		Matcher matcher = WORKING_DIRECTORY.matcher(body.toString().replace("\\n", "\n"));
		if (!matcher.find()) {
			throw new IllegalStateException("no working directory in Claude Code's prompt");
		}
		return matcher.group(1);
	}

	private static Reply writeTest(String dir) {
		return Reply.toolUse("Write", Map.of("file_path", dir + "/tests/test_discount.sh", "content",
				CalcRepository.REPRODUCING_TEST)).withText("I'll reproduce the bug with a test first.").usage(3000, 200, 0, 2500);
	}

	private static Reply runTests() {
		return Reply.toolUse("Bash", Map.of("command", CalcRepository.TEST_COMMAND, "description", "Run the tests"))
			.usage(3200, 50, 2500, 0);
	}

	private static Reply read(String dir) {
		return Reply.toolUse("Read", Map.of("file_path", dir + "/src/discount.sh")).usage(3200, 40, 2500, 0);
	}

	private static Reply fix(String dir) {
		return Reply.toolUse("Edit", Map.of("file_path", dir + "/src/discount.sh", "old_string", "$2 / 10 ))",
				"new_string", "$2 / 100 ))")).usage(3300, 80, 2500, 0);
	}

	private static Reply finish() {
		return Reply.text("""
				The discount percentage was divided by 10 instead of 100; the new test fails before the fix and \
				everything passes now.

				```json
				{"summary": "Divide the discount percentage by 100",
				 "root_cause": "price_with_discount divided the percentage by 10, so 10% of 200 took the whole 200 off.",
				 "changes": "src/discount.sh: divide by 100. tests/test_discount.sh: reproduces the report.",
				 "testing": "tests/test_discount.sh failed before the fix and passes after; sh run_tests.sh passes."}
				```""").usage(3400, 120, 2500, 0);
	}

}
