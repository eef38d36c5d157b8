package io.bugbridge.analysis.claude;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.bugbridge.agent.AgentTool;
import io.bugbridge.analysis.BugReport;
import io.bugbridge.analysis.IndexedCommit;
import io.bugbridge.analysis.RankedFile;
import tools.jackson.databind.JsonNode;

/**
 * {@code search_code {query}}: the offline index's ranked files for a query, each with the lines that
 * contain its words, so the agent can search by meaning and identifiers without a shell.
 */
final class SearchCode implements AgentTool {

	static final String NAME = "search_code";

	private static final int FILES = 8;

	private static final int LINES_PER_FILE = 4;

	private final IndexedCommit index;

	private final Snapshot snapshot;

	SearchCode(IndexedCommit index, Snapshot snapshot) {
		this.index = index;
		this.snapshot = snapshot;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public String description() {
		return "Search the repository's code index (BM25 over identifiers and text, plus the repository's history)."
				+ " Returns the best-ranked files for the query with the lines that contain its words.";
	}

	@Override
	public Map<String, Object> inputSchema() {
		return Map.of("type", "object", "properties",
				Map.of("query", Map.of("type", "string", "description",
						"words, identifiers, an error message or a stack frame to look for")),
				"required", List.of("query"));
	}

	@Override
	public ToolResult call(JsonNode input) throws Exception {
		String query = input.path("query").asString("").strip();
		if (query.isEmpty()) {
			return ToolResult.error("query is required");
		}
		if (query.length() > 2000) {
			query = query.substring(0, 2000);
		}
		List<RankedFile> files = index.rank(new BugReport(query, ""), FILES).files();
		if (files.isEmpty()) {
			return ToolResult.ok("No indexed file matches '" + query + "'.", "Searching for " + clip(query));
		}
		Set<String> words = words(query);
		StringBuilder out = new StringBuilder();
		for (RankedFile file : files) {
			out.append(file.path()).append(String.format(Locale.ROOT, " (score %.3f)%n", file.score()));
			matchingLines(file.path(), words).forEach(line -> out.append("  ").append(line).append('\n'));
		}
		return ToolResult.ok(out.toString(), "Searching for " + clip(query));
	}

	private List<String> matchingLines(String path, Set<String> words) {
		List<String> result = new ArrayList<>();
		List<String> lines = snapshot.text(path).map(t -> t.lines().toList()).orElse(List.of());
		for (int i = 0; i < lines.size() && result.size() < LINES_PER_FILE; i++) {
			String lower = lines.get(i).toLowerCase(Locale.ROOT);
			if (words.stream().anyMatch(lower::contains)) {
				result.add((i + 1) + ": " + clip(lines.get(i).strip()));
			}
		}
		return result;
	}

	private static Set<String> words(String query) {
		return java.util.Arrays.stream(query.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}_]+"))
			.filter(w -> w.length() >= 3)
			.collect(Collectors.toSet());
	}

	private static String clip(String text) {
		return text.length() <= 160 ? text : text.substring(0, 157) + "...";
	}

}
