package io.bugbridge.analysis.claude;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.bugbridge.agent.AgentTool;
import io.bugbridge.analysis.git.CommitHistory;
import io.bugbridge.analysis.git.CommitHistory.CommitInfo;
import tools.jackson.databind.JsonNode;

/**
 * {@code git_log {path?}}: recent commits touching a path (or the whole repository), only from the
 * history reachable from the analysed commit, so later or unrelated branches never leak in.
 */
final class GitLog implements AgentTool {

	static final String NAME = "git_log";

	private static final int SCANNED = 2000;

	private static final int SHOWN = 15;

	private final Snapshot snapshot;

	private final CommitHistory history;

	GitLog(Snapshot snapshot) {
		this.snapshot = snapshot;
		this.history = new CommitHistory(snapshot.repository());
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public String description() {
		return "Recent commits reachable from the analysed commit that touch a path (file or directory), newest first;"
				+ " without a path, the most recent commits.";
	}

	@Override
	public Map<String, Object> inputSchema() {
		return Map.of("type", "object", "properties",
				Map.of("path", Map.of("type", "string", "description", "file or directory, relative to the repository root")));
	}

	@Override
	public ToolResult call(JsonNode input) throws IOException {
		String raw = input.path("path").asString("");
		String path = "";
		if (!raw.isBlank()) {
			Snapshot.PathCheck check = Snapshot.check(raw);
			if (check.refusal() != null) {
				return ToolResult.error(check.refusal());
			}
			path = check.path();
		}
		StringBuilder out = new StringBuilder();
		int shown = 0;
		for (CommitInfo commit : history.reachable(snapshot.commitId(), SCANNED)) {
			List<String> changed = history.changedPaths(commit);
			if (!path.isEmpty() && !touches(changed, path)) {
				continue;
			}
			out.append(commit.id().abbreviate(10).name())
				.append(' ')
				.append(Instant.ofEpochSecond(commit.time()).atOffset(ZoneOffset.UTC).toLocalDate())
				.append(' ')
				.append(firstLine(commit.message()));
			if (!changed.isEmpty()) {
				out.append("\n    files: ").append(String.join(", ", changed.stream().limit(8).toList()))
					.append(changed.size() > 8 ? ", ... (" + changed.size() + " in all)" : "");
			}
			out.append('\n');
			if (++shown >= SHOWN) {
				break;
			}
		}
		String activity = "Reading the history of " + (path.isEmpty() ? "the repository" : path);
		return ToolResult.ok(shown == 0 ? "No commits touch '" + path + "' in the last " + SCANNED + " commits."
				: out.toString(), activity);
	}

	private static boolean touches(List<String> changed, String path) {
		return changed.stream().anyMatch(p -> p.equals(path) || p.startsWith(path + "/"));
	}

	private static String firstLine(String message) {
		String line = message.strip().lines().findFirst().orElse("");
		return line.length() <= 120 ? line : line.substring(0, 117) + "...";
	}

}
