package io.bugbridge.fix.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.bugbridge.agent.FinalAnswer;
import tools.jackson.databind.JsonNode;

/**
 * {@code submit_fix {summary, root_cause, changes, testing}}: ends a fix run. Refused while the
 * working copy has no change or no changed test, because the service proves a fix by a test that
 * fails without it.
 */
final class SubmitFix implements FinalAnswer {

	private final Supplier<List<String>> workingCopyProblems;

	SubmitFix(Supplier<List<String>> workingCopyProblems) {
		this.workingCopyProblems = workingCopyProblems;
	}

	@Override
	public String name() {
		return "submit_fix";
	}

	@Override
	public String description() {
		return "Submit the finished fix once your new test fails without the fix and all tests pass with it. The service"
				+ " re-runs the tests itself before anything is pushed.";
	}

	@Override
	public Map<String, Object> inputSchema() {
		Map<String, Object> text = Map.of("type", "string");
		return Map.of("type", "object", "properties", Map.of("summary", Map.of("type", "string", "description",
				"one line, used in the pull request title"), "root_cause", text, "changes",
				Map.of("type", "string", "description", "what changed and why, file by file"), "testing",
				Map.of("type", "string", "description", "the test you added and what you ran")),
				"required", List.of("summary", "root_cause", "changes", "testing"));
	}

	@Override
	public List<String> problems(JsonNode answer) {
		List<String> problems = new ArrayList<>();
		for (String field : List.of("summary", "root_cause", "changes", "testing")) {
			if (!answer.path(field).isString() || answer.path(field).asString().isBlank()) {
				problems.add(field + " is required (a non-empty string)");
			}
		}
		problems.addAll(workingCopyProblems.get());
		return problems;
	}

}
