package io.bugbridge.support;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * The shapes of a {@code POST /v1/messages} body, as Anthropic's SDK sources describe them
 * ({@code /work/shared/specs/anthropic-messages-api.md}). Each problem becomes one message naming
 * the field, so a test failure says what the service sent wrong. Deliberately stricter than the
 * real API where the real API would silently accept something a client should never send.
 * Requests of the Claude Code CLI are valid too: {@code stream: true}, and {@code system} messages
 * between the turns (the SDK's {@code "user" | "assistant" | "system"} roles; they do not take part
 * in the user/assistant alternation).
 */
final class AnthropicRequestRules {

	private static final Set<String> TOP_LEVEL = Set.of("model", "max_tokens", "messages", "system", "stop_sequences",
			"temperature", "top_p", "top_k", "metadata", "tools", "tool_choice", "thinking", "service_tier", "stream",
			"cache_control", "container", "context_management", "inference_geo", "output_config", "speed",
			"diagnostics", "mcp_servers");

	private static final Set<String> BLOCK_TYPES = Set.of("text", "image", "document", "search_result", "thinking",
			"redacted_thinking", "tool_use", "tool_result", "server_tool_use", "web_search_tool_result",
			"web_fetch_tool_result", "code_execution_tool_result", "bash_code_execution_tool_result",
			"text_editor_code_execution_tool_result", "tool_search_tool_result", "container_upload");

	private static final Set<String> TOOL_RESULT_CONTENT_TYPES = Set.of("text", "image", "document", "search_result");

	private static final Set<String> CUSTOM_TOOL_KEYS = Set.of("type", "name", "description", "input_schema",
			"cache_control", "strict", "input_examples", "defer_loading", "allowed_callers", "eager_input_streaming");

	private static final Set<String> TEXT_EDITOR_KEYS = Set.of("type", "name", "max_characters", "cache_control",
			"strict", "input_examples", "defer_loading", "allowed_callers");

	private static final Pattern TOOL_NAME = Pattern.compile("^[a-zA-Z0-9_-]{1,64}$");

	/** Anthropic-defined tools are versioned by date, e.g. {@code bash_20250124}. */
	private static final Pattern VERSIONED_TOOL = Pattern.compile("^[a-z_]+_\\d{8}$");

	static final int MAX_CACHE_BREAKPOINTS = 4;

	private final List<String> problems = new ArrayList<>();

	private final Set<String> issuedToolUseIds;

	private int cacheBreakpoints;

	private AnthropicRequestRules(Set<String> issuedToolUseIds) {
		this.issuedToolUseIds = issuedToolUseIds;
	}

	/**
	 * @param issuedToolUseIds every tool_use id the simulator handed out, to tell a stale id from
	 * one that was never issued at all
	 */
	static List<String> check(JsonNode body, Set<String> issuedToolUseIds) {
		AnthropicRequestRules rules = new AnthropicRequestRules(issuedToolUseIds);
		rules.body(body);
		return rules.problems;
	}

	private void body(JsonNode body) {
		if (body == null || !body.isObject()) {
			problems.add("body: must be a JSON object");
			return;
		}
		for (String name : body.propertyNames()) {
			if (!TOP_LEVEL.contains(name)) {
				problems.add(name + ": unknown top-level field");
			}
		}
		JsonNode model = body.path("model");
		if (!model.isString() || model.asString().isBlank()) {
			problems.add("model: required non-empty string");
		}
		JsonNode maxTokens = body.path("max_tokens");
		if (!maxTokens.isIntegralNumber() || !maxTokens.canConvertToInt() || maxTokens.asInt() <= 0) {
			problems.add("max_tokens: required positive integer, was " + maxTokens);
		}
		// BugBridge's own agent never streams; Claude Code always does. Either is a valid request, and
		// the simulator answers a streaming one with server-sent events.
		if (body.has("stream") && !body.path("stream").isBoolean()) {
			problems.add("stream: must be a boolean, was " + body.path("stream"));
		}
		if (body.has("system")) {
			system(body.path("system"));
		}
		Set<String> toolNames = body.has("tools") ? tools(body.path("tools")) : Set.of();
		if (body.has("tool_choice")) {
			toolChoice(body.path("tool_choice"), body.has("tools"), toolNames);
		}
		messages(body.path("messages"));
		optionalNumber(body, "temperature", 0, 1);
		optionalNumber(body, "top_p", 0, 1);
		if (body.has("top_k") && !(body.path("top_k").isIntegralNumber() && body.path("top_k").asInt() >= 0)) {
			problems.add("top_k: must be a non-negative integer");
		}
		if (body.has("stop_sequences") && !arrayOf(body.path("stop_sequences"), JsonNode::isString)) {
			problems.add("stop_sequences: must be an array of strings");
		}
		if (body.has("metadata")) {
			JsonNode metadata = body.path("metadata");
			if (!metadata.isObject() || metadata.propertyNames().stream().anyMatch(n -> !n.equals("user_id"))) {
				problems.add("metadata: must be an object with only user_id");
			}
		}
		if (body.has("service_tier") && !Set.of("auto", "standard_only").contains(body.path("service_tier").asString(""))) {
			problems.add("service_tier: must be auto or standard_only");
		}
		if (body.has("thinking")) {
			thinking(body.path("thinking"), maxTokens.asInt(0));
		}
		if (body.has("cache_control")) {
			cacheControl("cache_control", body.path("cache_control"));
		}
		if (cacheBreakpoints > MAX_CACHE_BREAKPOINTS) {
			problems.add("cache_control: " + cacheBreakpoints + " blocks, at most " + MAX_CACHE_BREAKPOINTS
					+ " are allowed");
		}
	}

	private void system(JsonNode system) {
		if (system.isString()) {
			return;
		}
		if (!system.isArray()) {
			problems.add("system: must be a string or an array of text blocks");
			return;
		}
		for (int i = 0; i < system.size(); i++) {
			JsonNode block = system.get(i);
			String where = "system[" + i + "]";
			if (!"text".equals(block.path("type").asString(""))) {
				problems.add(where + ".type: must be text");
				continue;
			}
			textBlock(where, block);
		}
	}

	private Set<String> tools(JsonNode tools) {
		Set<String> names = new LinkedHashSet<>();
		if (!tools.isArray()) {
			problems.add("tools: must be an array");
			return names;
		}
		for (int i = 0; i < tools.size(); i++) {
			JsonNode tool = tools.get(i);
			String where = "tools[" + i + "]";
			if (!tool.isObject()) {
				problems.add(where + ": must be an object");
				continue;
			}
			String type = tool.path("type").asString("custom");
			String name = tool.path("name").asString("");
			if (type.equals("custom")) {
				unknownKeys(where, tool, CUSTOM_TOOL_KEYS);
				if (!TOOL_NAME.matcher(name).matches()) {
					problems.add(where + ".name: must match " + TOOL_NAME.pattern() + ", was '" + name + "'");
				}
				JsonNode schema = tool.path("input_schema");
				if (!schema.isObject() || !"object".equals(schema.path("type").asString(""))) {
					problems.add(where + ".input_schema: required object with \"type\":\"object\"");
				}
				if (tool.has("description") && !tool.path("description").isString()) {
					problems.add(where + ".description: must be a string");
				}
			}
			else if (type.equals("text_editor_20250728")) {
				unknownKeys(where, tool, TEXT_EDITOR_KEYS);
				if (!name.equals("str_replace_based_edit_tool")) {
					problems.add(where + ".name: text_editor_20250728 must be named str_replace_based_edit_tool, was '"
							+ name + "'");
				}
				if (tool.has("max_characters") && !(tool.path("max_characters").isIntegralNumber()
						&& tool.path("max_characters").asLong() >= 1)) {
					problems.add(where + ".max_characters: must be a positive integer");
				}
			}
			else if (!VERSIONED_TOOL.matcher(type).matches() || name.isEmpty()) {
				problems.add(where + ".type: unknown tool type '" + type + "'");
			}
			if (!type.equals("custom") && tool.has("input_schema")) {
				problems.add(where + ".input_schema: Anthropic-defined tool " + type + " takes no input_schema");
			}
			if (tool.has("cache_control")) {
				cacheControl(where + ".cache_control", tool.path("cache_control"));
			}
			if (!name.isEmpty() && !names.add(name)) {
				problems.add(where + ".name: duplicate tool name '" + name + "'");
			}
		}
		return names;
	}

	private void toolChoice(JsonNode choice, boolean hasTools, Set<String> toolNames) {
		String type = choice.path("type").asString("");
		switch (type) {
			case "auto", "any" -> unknownKeys("tool_choice", choice, Set.of("type", "disable_parallel_tool_use"));
			case "none" -> unknownKeys("tool_choice", choice, Set.of("type"));
			case "tool" -> {
				unknownKeys("tool_choice", choice, Set.of("type", "name", "disable_parallel_tool_use"));
				if (!toolNames.contains(choice.path("name").asString(""))) {
					problems.add("tool_choice.name: '" + choice.path("name").asString("") + "' is not one of the tools");
				}
			}
			default -> problems.add("tool_choice.type: must be auto, any, tool or none, was '" + type + "'");
		}
		if (choice.has("disable_parallel_tool_use") && !choice.path("disable_parallel_tool_use").isBoolean()) {
			problems.add("tool_choice.disable_parallel_tool_use: must be a boolean");
		}
		if (!hasTools && !type.equals("none")) {
			problems.add("tool_choice: may only be given together with tools");
		}
	}

	private void messages(JsonNode messages) {
		if (!messages.isArray() || messages.isEmpty()) {
			problems.add("messages: required non-empty array");
			return;
		}
		Set<String> pendingToolUses = new LinkedHashSet<>();
		String previousRole = null;
		for (int i = 0; i < messages.size(); i++) {
			JsonNode message = messages.get(i);
			String where = "messages[" + i + "]";
			unknownKeys(where, message, Set.of("role", "content"));
			String role = message.path("role").asString("");
			if (role.equals("system") && previousRole != null) {
				systemMessage(where, message.path("content"));
				continue;
			}
			if (!role.equals("user") && !role.equals("assistant")) {
				problems.add(where + ".role: must be user or assistant, was '" + role + "'");
			}
			else if (previousRole == null && !role.equals("user")) {
				problems.add(where + ".role: the first message must be from the user");
			}
			else if (role.equals(previousRole)) {
				problems.add(where + ".role: roles must alternate, two " + role + " messages in a row");
			}
			boolean last = i == messages.size() - 1;
			List<JsonNode> blocks = content(where, role, message.path("content"), last);
			if (!pendingToolUses.isEmpty()) {
				answerToolUses(where, role, blocks, pendingToolUses);
			}
			else {
				strayToolResults(where, blocks);
			}
			pendingToolUses.clear();
			if (role.equals("assistant")) {
				for (JsonNode block : blocks) {
					if ("tool_use".equals(block.path("type").asString(""))) {
						pendingToolUses.add(block.path("id").asString(""));
					}
				}
				if (last && !pendingToolUses.isEmpty()) {
					problems.add(where + ": tool_use " + pendingToolUses + " is never answered by a tool_result");
				}
			}
			previousRole = role;
		}
	}

	/** A mid-conversation system message: text only, never tool blocks. */
	private void systemMessage(String where, JsonNode content) {
		if (content.isString()) {
			if (content.asString().isEmpty()) {
				problems.add(where + ".content: must not be empty");
			}
			return;
		}
		if (!content.isArray() || content.isEmpty()) {
			problems.add(where + ".content: must be a string or a non-empty array of text blocks");
			return;
		}
		for (int b = 0; b < content.size(); b++) {
			JsonNode block = content.get(b);
			if (!"text".equals(block.path("type").asString(""))) {
				problems.add(where + ".content[" + b + "].type: system messages hold text blocks only");
			}
			else {
				textBlock(where + ".content[" + b + "]", block);
			}
		}
	}

	/** The user message right after tool_use blocks must answer each one, tool_results first. */
	private void answerToolUses(String where, String role, List<JsonNode> blocks, Set<String> pending) {
		if (!role.equals("user")) {
			problems.add(where + ": tool_use " + pending + " must be answered by tool_result blocks in the next user message");
			return;
		}
		Set<String> answered = new HashSet<>();
		boolean otherSeen = false;
		for (int b = 0; b < blocks.size(); b++) {
			JsonNode block = blocks.get(b);
			if (!"tool_result".equals(block.path("type").asString(""))) {
				otherSeen = true;
				continue;
			}
			String id = block.path("tool_use_id").asString("");
			if (otherSeen) {
				problems.add(where + ".content[" + b + "]: tool_result blocks must come before any other block");
			}
			if (!pending.contains(id)) {
				problems.add(where + ".content[" + b + "]: " + unknownToolUse(id));
			}
			else if (!answered.add(id)) {
				problems.add(where + ".content[" + b + "]: second tool_result for " + id);
			}
		}
		Set<String> missing = new LinkedHashSet<>(pending);
		missing.removeAll(answered);
		if (!missing.isEmpty()) {
			problems.add(where + ": no tool_result for tool_use " + missing + " of the previous assistant message");
		}
	}

	private void strayToolResults(String where, List<JsonNode> blocks) {
		for (int b = 0; b < blocks.size(); b++) {
			JsonNode block = blocks.get(b);
			if ("tool_result".equals(block.path("type").asString(""))) {
				problems.add(where + ".content[" + b + "]: " + unknownToolUse(block.path("tool_use_id").asString("")));
			}
		}
	}

	private String unknownToolUse(String id) {
		return issuedToolUseIds.contains(id)
				? "tool_result " + id + " does not answer a tool_use of the immediately preceding assistant message"
				: "tool_result " + id + " answers a tool_use id that was never issued";
	}

	private List<JsonNode> content(String where, String role, JsonNode content, boolean last) {
		List<JsonNode> blocks = new ArrayList<>();
		boolean mayBeEmpty = last && role.equals("assistant");
		if (content.isString()) {
			if (content.asString().isEmpty() && !mayBeEmpty) {
				problems.add(where + ".content: must not be empty");
			}
			return blocks;
		}
		if (!content.isArray()) {
			problems.add(where + ".content: must be a string or an array of content blocks");
			return blocks;
		}
		if (content.isEmpty() && !mayBeEmpty) {
			problems.add(where + ".content: must not be empty");
		}
		for (int b = 0; b < content.size(); b++) {
			JsonNode block = content.get(b);
			String at = where + ".content[" + b + "]";
			String type = block.path("type").asString("");
			if (!BLOCK_TYPES.contains(type)) {
				problems.add(at + ".type: unknown content block type '" + type + "'");
				continue;
			}
			blocks.add(block);
			if (block.has("cache_control")) {
				cacheControl(at + ".cache_control", block.path("cache_control"));
			}
			switch (type) {
				case "text" -> textBlock(at, block);
				case "tool_use" -> toolUse(at, role, block);
				case "tool_result" -> toolResult(at, role, block);
				case "thinking", "redacted_thinking" -> {
					if (!role.equals("assistant")) {
						problems.add(at + ": " + type + " blocks belong in assistant messages");
					}
				}
				case "image" -> {
					if (!block.path("source").isObject()) {
						problems.add(at + ".source: required object");
					}
				}
				default -> {
				}
			}
		}
		return blocks;
	}

	private void textBlock(String at, JsonNode block) {
		unknownKeys(at, block, Set.of("type", "text", "cache_control", "citations"));
		if (!block.path("text").isString() || block.path("text").asString().isEmpty()) {
			problems.add(at + ".text: text content blocks must be non-empty strings");
		}
		if (block.has("cache_control")) {
			cacheControl(at + ".cache_control", block.path("cache_control"));
		}
	}

	private void toolUse(String at, String role, JsonNode block) {
		unknownKeys(at, block, Set.of("type", "id", "name", "input", "cache_control", "caller"));
		if (!role.equals("assistant")) {
			problems.add(at + ": tool_use blocks belong in assistant messages");
		}
		if (!block.path("id").isString() || block.path("id").asString().isEmpty()) {
			problems.add(at + ".id: required string");
		}
		if (!block.path("name").isString()) {
			problems.add(at + ".name: required string");
		}
		if (!block.path("input").isObject()) {
			problems.add(at + ".input: required object");
		}
	}

	private void toolResult(String at, String role, JsonNode block) {
		unknownKeys(at, block, Set.of("type", "tool_use_id", "content", "is_error", "cache_control"));
		if (!role.equals("user")) {
			problems.add(at + ": tool_result blocks belong in user messages");
		}
		if (!block.path("tool_use_id").isString()) {
			problems.add(at + ".tool_use_id: required string");
		}
		if (block.has("is_error") && !block.path("is_error").isBoolean()) {
			problems.add(at + ".is_error: must be a boolean");
		}
		JsonNode content = block.path("content");
		if (!block.has("content") || content.isString()) {
			return;
		}
		if (!content.isArray()) {
			problems.add(at + ".content: must be a string or an array of text/image blocks");
			return;
		}
		for (int c = 0; c < content.size(); c++) {
			JsonNode inner = content.get(c);
			String type = inner.path("type").asString("");
			if (!TOOL_RESULT_CONTENT_TYPES.contains(type)) {
				problems.add(at + ".content[" + c + "].type: '" + type + "' is not allowed in a tool_result");
			}
			else if (type.equals("text")) {
				textBlock(at + ".content[" + c + "]", inner);
			}
			else if (inner.has("cache_control")) {
				cacheControl(at + ".content[" + c + "].cache_control", inner.path("cache_control"));
			}
		}
	}

	private void thinking(JsonNode thinking, int maxTokens) {
		String type = thinking.path("type").asString("");
		switch (type) {
			case "enabled" -> {
				int budget = thinking.path("budget_tokens").asInt(0);
				if (budget < 1024 || budget >= maxTokens) {
					problems.add("thinking.budget_tokens: must be >= 1024 and less than max_tokens, was " + budget);
				}
			}
			case "disabled", "adaptive" -> {
			}
			default -> problems.add("thinking.type: must be enabled, disabled or adaptive, was '" + type + "'");
		}
	}

	private void cacheControl(String where, JsonNode cacheControl) {
		cacheBreakpoints++;
		if (!cacheControl.isObject() || !"ephemeral".equals(cacheControl.path("type").asString(""))) {
			problems.add(where + ": must be {\"type\":\"ephemeral\"}, was " + cacheControl);
			return;
		}
		unknownKeys(where, cacheControl, Set.of("type", "ttl"));
		if (cacheControl.has("ttl") && !Set.of("5m", "1h").contains(cacheControl.path("ttl").asString(""))) {
			problems.add(where + ".ttl: must be 5m or 1h, was " + cacheControl.path("ttl"));
		}
	}

	private void optionalNumber(JsonNode body, String field, double min, double max) {
		if (!body.has(field)) {
			return;
		}
		JsonNode value = body.path(field);
		if (!value.isNumber() || value.asDouble() < min || value.asDouble() > max) {
			problems.add(field + ": must be a number from " + min + " to " + max + ", was " + value);
		}
	}

	private void unknownKeys(String where, JsonNode node, Set<String> allowed) {
		if (!node.isObject()) {
			problems.add(where + ": must be an object");
			return;
		}
		for (String name : node.propertyNames()) {
			if (!allowed.contains(name)) {
				problems.add(where + "." + name + ": unknown field");
			}
		}
	}

	private static boolean arrayOf(JsonNode node, Predicate<JsonNode> each) {
		if (!node.isArray()) {
			return false;
		}
		for (JsonNode item : node) {
			if (!each.test(item)) {
				return false;
			}
		}
		return true;
	}

}
