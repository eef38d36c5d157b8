package io.bugbridge.fix.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.bugbridge.agent.AgentTool;
import io.bugbridge.agent.EditorView;
import tools.jackson.databind.JsonNode;

/**
 * Anthropic's text editor tool in fix mode: {@code view}, {@code str_replace}, {@code create} and
 * {@code insert}, confined to the working copy by {@link Worktree}.
 */
final class WorktreeEditor implements AgentTool {

	private static final long MAX_FILE_BYTES = 2 * 1024 * 1024;

	private final Worktree worktree;

	WorktreeEditor(Worktree worktree) {
		this.worktree = worktree;
	}

	@Override
	public String name() {
		return "str_replace_based_edit_tool";
	}

	@Override
	public String description() {
		return "Anthropic text editor confined to the working copy";
	}

	@Override
	public Map<String, Object> inputSchema() {
		return Map.of();
	}

	@Override
	public boolean textEditor() {
		return true;
	}

	@Override
	public ToolResult call(JsonNode input) throws IOException {
		String command = input.path("command").asString("");
		String rawPath = input.path("path").asString(null);
		return switch (command) {
			case "view" -> view(worktree.resolve(rawPath == null || rawPath.isBlank() ? "." : rawPath, false),
					input.path("view_range"));
			case "str_replace" -> replace(worktree.resolve(rawPath, true), input);
			case "create" -> create(worktree.resolve(rawPath, true), input.path("file_text").asString(null));
			case "insert" -> insert(worktree.resolve(rawPath, true), input);
			default -> ToolResult.error("Unknown command '" + command + "': use view, str_replace, create or insert.");
		};
	}

	private ToolResult view(Path target, JsonNode range) throws IOException {
		String name = worktree.relative(target);
		if (Files.isDirectory(target)) {
			List<String> entries = new ArrayList<>();
			try (Stream<Path> walk = Files.walk(target, 2)) {
				walk.filter(p -> !p.equals(target))
					.filter(p -> !worktree.relative(p).startsWith(".git") && !p.getFileName().toString().startsWith("."))
					.sorted()
					.limit(400)
					.forEach(p -> entries.add(worktree.relative(p) + (Files.isDirectory(p) ? "/" : "")));
			}
			return ToolResult.ok(String.join("\n", entries), "Listing " + (name.isEmpty() ? "the repository" : name));
		}
		return EditorView.of(name, read(target), range);
	}

	private ToolResult replace(Path target, JsonNode input) throws IOException {
		String oldText = input.path("old_str").asString(null);
		String newText = input.path("new_str").asString("");
		if (oldText == null || oldText.isEmpty()) {
			return ToolResult.error("old_str is required");
		}
		String text = readText(target);
		int first = text.indexOf(oldText);
		if (first < 0) {
			return ToolResult.error("old_str was not found in " + worktree.relative(target) + "; view the file and copy it exactly.");
		}
		if (text.indexOf(oldText, first + 1) >= 0) {
			return ToolResult.error("old_str occurs more than once in " + worktree.relative(target)
					+ "; include more surrounding lines so it is unique.");
		}
		Files.writeString(target, text.substring(0, first) + newText + text.substring(first + oldText.length()),
				StandardCharsets.UTF_8);
		return ToolResult.ok("Edited " + worktree.relative(target) + ".", "Editing " + worktree.relative(target));
	}

	private ToolResult create(Path target, String content) throws IOException {
		if (content == null) {
			return ToolResult.error("file_text is required");
		}
		if (Files.isDirectory(target)) {
			return ToolResult.error(worktree.relative(target) + " is a directory");
		}
		Files.createDirectories(target.getParent());
		Files.writeString(target, content, StandardCharsets.UTF_8);
		return ToolResult.ok("Created " + worktree.relative(target) + ".", "Writing " + worktree.relative(target));
	}

	private ToolResult insert(Path target, JsonNode input) throws IOException {
		List<String> lines = new ArrayList<>(read(target));
		int after = input.path("insert_line").asInt(-1);
		if (after < 0 || after > lines.size()) {
			return ToolResult.error("insert_line must be between 0 and " + lines.size());
		}
		lines.addAll(after, input.path("new_str").asString("").lines().toList());
		Files.writeString(target, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
		return ToolResult.ok("Inserted into " + worktree.relative(target) + ".", "Editing " + worktree.relative(target));
	}

	private List<String> read(Path file) throws IOException {
		return readText(file).lines().toList();
	}

	private String readText(Path file) throws IOException {
		if (!Files.isRegularFile(file)) {
			throw new IllegalArgumentException("No file " + worktree.relative(file));
		}
		if (Files.size(file) > MAX_FILE_BYTES) {
			throw new IllegalArgumentException(worktree.relative(file) + " is larger than 2 MiB");
		}
		return Files.readString(file, StandardCharsets.UTF_8);
	}

}
