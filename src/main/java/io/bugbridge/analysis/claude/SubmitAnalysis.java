package io.bugbridge.analysis.claude;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.bugbridge.agent.FinalAnswer;
import tools.jackson.databind.JsonNode;

/**
 * {@code submit_analysis}: the only way an analysis run ends. Its input schema is the analysis; an
 * answer that does not match gets one repair turn. Whether cited paths exist is checked afterwards
 * against the commit (invented paths are dropped and counted, not argued about).
 */
final class SubmitAnalysis implements FinalAnswer {

	static final String NAME = "submit_analysis";

	static final Set<String> RISKS = Set.of("Low", "Medium", "High");

	static final Set<String> CONFIDENCES = Set.of("low", "medium", "high");

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public String description() {
		return "Submit the finished analysis. Call exactly once, when you have read the code that supports it."
				+ " Cite only paths you have seen, relative to the repository root, with line ranges you have viewed.";
	}

	@Override
	public Map<String, Object> inputSchema() {
		Map<String, Object> lines = Map.of("type", "integer", "minimum", 1);
		Map<String, Object> rootCause = Map.of("type", "object", "properties",
				Map.of("summary", Map.of("type", "string", "description", "what is wrong and why, in two to five sentences"),
						"file", Map.of("type", "string"), "line_start", lines, "line_end", lines),
				"required", List.of("summary"));
		Map<String, Object> file = Map.of("type", "object", "properties",
				Map.of("path", Map.of("type", "string"), "reason", Map.of("type", "string"), "line_start", lines,
						"line_end", lines),
				"required", List.of("path", "reason"));
		Map<String, Object> strings = Map.of("type", "array", "items", Map.of("type", "string"));
		return Map.of("type", "object", "properties", Map.of(
				"understanding", Map.of("type", "string", "description", "the reported problem in your own words"),
				"root_cause", rootCause,
				"files_to_examine", Map.of("type", "array", "items", file, "minItems", 1, "maxItems", 10),
				"fix_approach", Map.of("type", "array", "items", Map.of("type", "string"), "minItems", 1,
						"description", "ordered steps, starting with a failing test that reproduces the bug"),
				"side_effects", strings,
				"estimated_effort", Map.of("type", "string", "description", "e.g. 2-4 hours"),
				"risk_level", Map.of("type", "string", "enum", List.copyOf(RISKS)),
				"confidence", Map.of("type", "string", "enum", List.copyOf(CONFIDENCES))),
				"required", List.of("understanding", "root_cause", "files_to_examine", "fix_approach", "side_effects",
						"estimated_effort", "risk_level", "confidence"));
	}

	@Override
	public List<String> problems(JsonNode answer) {
		List<String> problems = new ArrayList<>();
		text(answer, "understanding", problems);
		text(answer.path("root_cause"), "summary", problems, "root_cause.summary");
		text(answer, "estimated_effort", problems);
		JsonNode files = answer.path("files_to_examine");
		if (!files.isArray() || files.isEmpty()) {
			problems.add("files_to_examine must be a non-empty array");
		}
		else {
			for (int i = 0; i < files.size(); i++) {
				text(files.get(i), "path", problems, "files_to_examine[" + i + "].path");
				text(files.get(i), "reason", problems, "files_to_examine[" + i + "].reason");
			}
		}
		JsonNode steps = answer.path("fix_approach");
		if (!steps.isArray() || steps.isEmpty() || !steps.get(0).isString()) {
			problems.add("fix_approach must be a non-empty array of strings");
		}
		if (!answer.path("side_effects").isArray()) {
			problems.add("side_effects must be an array of strings");
		}
		if (!RISKS.contains(answer.path("risk_level").asString(""))) {
			problems.add("risk_level must be one of Low, Medium, High");
		}
		if (!CONFIDENCES.contains(answer.path("confidence").asString(""))) {
			problems.add("confidence must be one of low, medium, high");
		}
		return problems;
	}

	private static void text(JsonNode node, String field, List<String> problems) {
		text(node, field, problems, field);
	}

	private static void text(JsonNode node, String field, List<String> problems, String name) {
		JsonNode value = node.path(field);
		if (!value.isString() || value.asString().isBlank()) {
			problems.add(name + " is required (a non-empty string)");
		}
	}

}
