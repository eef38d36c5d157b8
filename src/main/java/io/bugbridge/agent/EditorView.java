package io.bugbridge.agent;

import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * The text editor tool's {@code view} of a file, the same in every mode: numbered lines
 * ({@code %6d\t}), optionally a {@code view_range [start, end]} where {@code end = -1} means the last
 * line; a range outside the file is a tool error naming the file's length.
 */
public final class EditorView {

	private EditorView() {
	}

	public static AgentTool.ToolResult of(String path, List<String> lines, JsonNode viewRange) {
		int from = 1;
		int to = lines.size();
		boolean ranged = viewRange != null && viewRange.isArray() && viewRange.size() == 2;
		if (ranged) {
			from = Math.max(1, viewRange.get(0).asInt(1));
			int end = viewRange.get(1).asInt(-1);
			to = end == -1 ? lines.size() : Math.min(lines.size(), end);
			if (from > lines.size() || to < from) {
				return AgentTool.ToolResult.error("view_range " + viewRange + " is outside " + path + ", which has "
						+ lines.size() + " lines.");
			}
		}
		StringBuilder out = new StringBuilder();
		for (int i = from; i <= to; i++) {
			out.append(String.format("%6d\t", i)).append(lines.get(i - 1)).append('\n');
		}
		return AgentTool.ToolResult.ok(out.toString(), "Reading " + path + (ranged ? " lines " + from + "–" + to : ""));
	}

}
