package io.bugbridge.analysis.claude;

import java.util.List;
import java.util.Map;

import io.bugbridge.agent.AgentTool;
import io.bugbridge.agent.EditorView;
import tools.jackson.databind.JsonNode;

/**
 * Anthropic's text editor tool in analysis mode: {@code view} of a file (numbered lines, optionally a
 * range) or a directory listing, at the analysed commit. Every other command is refused: an analysis
 * never changes code.
 */
final class ViewOnlyEditor implements AgentTool {

	static final String NAME = "str_replace_based_edit_tool";

	private static final int MAX_LISTING = 400;

	private final Snapshot snapshot;

	private final java.util.Set<String> viewed = new java.util.LinkedHashSet<>();

	ViewOnlyEditor(Snapshot snapshot) {
		this.snapshot = snapshot;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public String description() {
		return "Anthropic text editor (view only in analysis mode)";
	}

	@Override
	public Map<String, Object> inputSchema() {
		return Map.of();
	}

	@Override
	public boolean textEditor() {
		return true;
	}

	/** Files the agent has read, in order: kept when a run stops early. */
	List<String> viewed() {
		return List.copyOf(viewed);
	}

	@Override
	public ToolResult call(JsonNode input) {
		String command = input.path("command").asString("");
		if (!command.equals("view")) {
			return ToolResult.error("'" + command + "' is not allowed: this is a read-only analysis, only 'view' works.");
		}
		Snapshot.PathCheck check = Snapshot.check(input.path("path").asString(null));
		if (check.refusal() != null) {
			return ToolResult.error(check.refusal());
		}
		String path = check.path();
		if (snapshot.isFile(path)) {
			return viewFile(path, input.path("view_range"));
		}
		if (snapshot.isDirectory(path)) {
			List<String> entries = snapshot.list(path, MAX_LISTING);
			return ToolResult.ok(String.join("\n", entries) + (entries.size() >= MAX_LISTING ? "\n[... more entries]" : ""),
					"Listing " + (path.isEmpty() ? "the repository" : path));
		}
		return ToolResult.error("No file or directory '" + path + "' at this commit.");
	}

	private ToolResult viewFile(String path, JsonNode range) {
		var text = snapshot.text(path);
		if (text.isEmpty()) {
			return ToolResult.error(path + " is binary or larger than " + Snapshot.MAX_FILE_BYTES / 1024 + " KiB.");
		}
		ToolResult view = EditorView.of(path, text.get().lines().toList(), range);
		if (!view.error()) {
			viewed.add(path);
		}
		return view;
	}

}
