package io.bugbridge.agent;

import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * A tool the model may call. Tools protect the host: they confine paths, refuse what the mode does
 * not allow and never trust their input, because the model acts on untrusted bug reports and
 * repository content.
 */
public interface AgentTool {

	/** The name the model calls it by ({@code ^[a-zA-Z0-9_-]{1,64}$}). */
	String name();

	String description();

	/** JSON Schema of the input (an object schema). Ignored for the text editor tool. */
	Map<String, Object> inputSchema();

	/**
	 * Whether this is Anthropic's text editor tool ({@code text_editor_20250728}, name
	 * {@code str_replace_based_edit_tool}), declared by type because the model is trained on it.
	 */
	default boolean textEditor() {
		return false;
	}

	/** Runs the tool. An exception becomes an error result the model sees; it never ends the run. */
	ToolResult call(JsonNode input) throws Exception;

	/**
	 * @param content what the model reads
	 * @param error whether the call failed (sent as {@code is_error})
	 * @param activity one line for the console's progress, e.g. {@code Reading src/Foo.java}
	 */
	record ToolResult(String content, boolean error, String activity) {

		public static ToolResult ok(String content, String activity) {
			return new ToolResult(content, false, activity);
		}

		public static ToolResult error(String message) {
			return new ToolResult(message, true, null);
		}

	}

}
