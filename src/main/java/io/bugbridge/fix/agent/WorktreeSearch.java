package io.bugbridge.fix.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.bugbridge.agent.AgentTool;
import tools.jackson.databind.JsonNode;

/**
 * {@code search_code {query}} in fix mode: the same protocol as in analysis, over the working copy
 * as the agent has changed it (the analysis index describes the base commit, which the agent's own
 * edits have moved away from). Files are ranked by how many of the query's words they contain.
 */
final class WorktreeSearch implements AgentTool {

	private static final int FILES = 8;

	private static final long MAX_FILE_BYTES = 1024 * 1024;

	private final Worktree worktree;

	WorktreeSearch(Worktree worktree) {
		this.worktree = worktree;
	}

	@Override
	public String name() {
		return "search_code";
	}

	@Override
	public String description() {
		return "Search the working copy for words, identifiers or an error message. Returns the best matching files"
				+ " with the lines that contain the words.";
	}

	@Override
	public Map<String, Object> inputSchema() {
		return Map.of("type", "object", "properties", Map.of("query", Map.of("type", "string")), "required",
				List.of("query"));
	}

	@Override
	public ToolResult call(JsonNode input) throws IOException {
		String query = input.path("query").asString("").strip();
		Set<String> words = Arrays.stream(query.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}_]+"))
			.filter(w -> w.length() >= 3)
			.collect(Collectors.toSet());
		if (words.isEmpty()) {
			return ToolResult.error("query needs at least one word of three or more letters");
		}
		record Hit(String path, int score, List<String> lines) {
		}
		List<Hit> hits = new ArrayList<>();
		try (Stream<Path> files = Files.walk(worktree.root())) {
			for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
				String relative = worktree.relative(file);
				if (relative.startsWith(".git") || relative.contains("/.git/") || Files.size(file) > MAX_FILE_BYTES) {
					continue;
				}
				List<String> lines;
				try {
					lines = Files.readAllLines(file, StandardCharsets.UTF_8);
				}
				catch (java.nio.charset.MalformedInputException binary) {
					continue;
				}
				int score = 0;
				List<String> matching = new ArrayList<>();
				for (int i = 0; i < lines.size(); i++) {
					String lower = lines.get(i).toLowerCase(Locale.ROOT);
					long found = words.stream().filter(lower::contains).count();
					if (found > 0) {
						score += found;
						if (matching.size() < 4) {
							matching.add((i + 1) + ": " + lines.get(i).strip());
						}
					}
				}
				if (score > 0) {
					hits.add(new Hit(relative, score, matching));
				}
			}
		}
		hits.sort(Comparator.comparingInt(Hit::score).reversed().thenComparing(Hit::path));
		StringBuilder out = new StringBuilder();
		for (Hit hit : hits.stream().limit(FILES).toList()) {
			out.append(hit.path()).append(" (").append(hit.score()).append(" matches)\n");
			hit.lines().forEach(line -> out.append("  ").append(line.length() > 160 ? line.substring(0, 157) + "..." : line)
				.append('\n'));
		}
		return ToolResult.ok(hits.isEmpty() ? "No file matches '" + query + "'." : out.toString(), "Searching for " + query);
	}

}
