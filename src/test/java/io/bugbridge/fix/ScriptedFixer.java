package io.bugbridge.fix;

import java.util.List;
import java.util.Map;

import io.bugbridge.support.AnthropicSimulator.Recorded;
import io.bugbridge.support.AnthropicSimulator.Reply;
import tools.jackson.databind.JsonNode;

/**
 * A scripted Claude for Auto-Fix tests: answers analysis requests with a valid analysis at once,
 * and fix requests step by step (write a failing test, run it, fix, run, submit), by the turn the
 * conversation is at, so the script holds whatever else runs in between.
 */
final class ScriptedFixer {

	/** What this fixer does in fix mode. */
	enum Plan {
		/** Writes the reproducing test and the real fix. */
		FIX,
		/** Writes the reproducing test but no fix: the service's pass-after run must catch it. */
		TEST_ONLY,
		/** Tries to change the CI configuration, then fixes properly. */
		TOUCH_CI_FIRST,
		/** Reads files forever: only a budget stops it. */
		ENDLESS
	}

	private ScriptedFixer() {
	}

	static Reply answer(Recorded request, Plan plan) {
		JsonNode tools = request.json().path("tools");
		boolean fixMode = tools.toString().contains("submit_fix");
		int turn = request.json().path("messages").size() / 2;
		if (!fixMode) {
			return Reply.toolUse("submit_analysis", Map.of("understanding", "The discount is divided by 10, not 100.",
					"root_cause", Map.of("summary", "price_with_discount divides by 10", "file", "src/discount.sh",
							"line_start", 2, "line_end", 2),
					"files_to_examine", List.of(Map.of("path", "src/discount.sh", "reason", "computes the discount")),
					"fix_approach", List.of("Add a failing test", "Divide by 100"), "side_effects", List.of(),
					"estimated_effort", "1 hour", "risk_level", "Low", "confidence", "high"));
		}
		if (request.json().path("messages").get(0).toString().contains("checks on the pull request failed")) {
			// A repair: make the check pass by documenting the function (a real change, no new test).
			List<Reply> repair = List.of(Reply.toolUse("str_replace_based_edit_tool", Map.of("command", "insert", "path",
					"src/discount.sh", "insert_line", 0, "new_str", "# price minus a percentage discount")), runTests(),
					submit());
			return repair.get(Math.min(turn, repair.size() - 1));
		}
		List<Reply> steps = switch (plan) {
			case FIX -> List.of(createTest(), runTests(), fix(), runTests(), submit());
			case TEST_ONLY -> List.of(createTest(), runTests(), submit());
			case TOUCH_CI_FIRST -> List.of(Reply.toolUse("str_replace_based_edit_tool", Map.of("command", "create", "path",
					".github/workflows/ci.yml", "file_text", "on: push")), createTest(), fix(), submit());
			// Slow enough that a cancel sent right after the request always arrives before the turn limit.
			case ENDLESS -> List.of(Reply.toolUse("str_replace_based_edit_tool", Map.of("command", "view", "path",
					"src/discount.sh")).delay(java.time.Duration.ofMillis(300)));
		};
		return steps.get(Math.min(turn, steps.size() - 1));
	}

	private static Reply createTest() {
		return Reply.toolUse("str_replace_based_edit_tool", Map.of("command", "create", "path", "tests/test_discount.sh",
				"file_text", CalcRepository.REPRODUCING_TEST)).usage(3000, 200, 0, 2500);
	}

	private static Reply runTests() {
		return Reply.toolUse("run_tests", Map.of()).usage(3200, 50, 2500, 0);
	}

	private static Reply fix() {
		return Reply.toolUse("str_replace_based_edit_tool", Map.of("command", "str_replace", "path", "src/discount.sh",
				"old_str", "$2 / 10 ))", "new_str", "$2 / 100 ))")).usage(3300, 80, 2500, 0);
	}

	private static Reply submit() {
		return Reply.toolUse("submit_fix", Map.of("summary", "Divide the discount percentage by 100", "root_cause",
				"price_with_discount divided the percentage by 10, so 10% of 200 took the whole 200 off.", "changes",
				"src/discount.sh: divide by 100. tests/test_discount.sh: reproduces the report.", "testing",
				"tests/test_discount.sh failed before the fix and passes after; run_tests.sh passes.")).usage(3400, 120, 2500, 0);
	}

}
