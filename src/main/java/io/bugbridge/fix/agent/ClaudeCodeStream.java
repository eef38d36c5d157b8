package io.bugbridge.fix.agent;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.bugbridge.agent.AiProperties;
import io.bugbridge.agent.Usage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Claude Code's {@code --output-format stream-json} as it arrives, one JSON object per line:
 * {@code system/init}, {@code assistant} messages (text and tool calls, with the API usage of the
 * response they belong to), {@code user} messages (tool results, refusals among them) and the final
 * {@code result} (turns, tokens, cost, the answer text). Keeps a running estimate of usage for the
 * budgets and turns the events into progress lines for the console.
 */
final class ClaudeCodeStream {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int LINE = 200;

	private final String model;

	private final AiProperties.Price price;

	private final Path workDir;

	private final Consumer<String> progress;

	/** Per API response (message id): input, output, cache read, cache write; the latest seen. */
	private final Map<String, long[]> responses = new LinkedHashMap<>();

	private final Map<String, String> toolCalls = new LinkedHashMap<>();

	private final List<String> refusals = new ArrayList<>();

	private JsonNode result;

	private String version;

	ClaudeCodeStream(String model, AiProperties.Price price, Path workDir, Consumer<String> progress) {
		this.model = model;
		this.price = price;
		this.workDir = workDir;
		this.progress = progress;
	}

	/** One line of the CLI's output; lines that are not JSON (should there be any) are ignored. */
	void accept(String line) {
		if (line.isBlank() || !line.startsWith("{")) {
			return;
		}
		JsonNode event;
		try {
			event = JSON.readTree(line);
		}
		catch (RuntimeException notJson) {
			return;
		}
		switch (event.path("type").asString("")) {
			case "system" -> {
				if (event.path("subtype").asString("").equals("init")) {
					version = event.path("claude_code_version").asString(null);
					progress.accept("Claude Code " + (version == null ? "" : version + " ") + "started (model "
							+ event.path("model").asString(model) + ", permission mode "
							+ event.path("permissionMode").asString("?") + ")");
				}
			}
			case "assistant" -> assistant(event.path("message"));
			case "user" -> user(event.path("message"));
			case "result" -> result = event;
			default -> {
			}
		}
	}

	private void assistant(JsonNode message) {
		String id = message.path("id").asString("");
		JsonNode usage = message.path("usage");
		if (!id.isEmpty() && usage.isObject()) {
			long[] counts = responses.computeIfAbsent(id, key -> new long[4]);
			counts[0] = Math.max(counts[0], usage.path("input_tokens").asLong(0));
			counts[1] = Math.max(counts[1], usage.path("output_tokens").asLong(0));
			counts[2] = Math.max(counts[2], usage.path("cache_read_input_tokens").asLong(0));
			counts[3] = Math.max(counts[3], usage.path("cache_creation_input_tokens").asLong(0));
		}
		for (JsonNode block : message.path("content")) {
			switch (block.path("type").asString("")) {
				case "text" -> {
					String text = block.path("text").asString("").strip();
					if (!text.isEmpty()) {
						progress.accept("Claude: " + firstLine(text));
					}
				}
				case "tool_use" -> {
					String call = describe(block.path("name").asString("?"), block.path("input"));
					toolCalls.put(block.path("id").asString(""), call);
					progress.accept(call);
				}
				default -> {
				}
			}
		}
	}

	private void user(JsonNode message) {
		for (JsonNode block : message.path("content")) {
			if (!block.path("type").asString("").equals("tool_result") || !block.path("is_error").asBoolean(false)) {
				continue;
			}
			String content = text(block.path("content"));
			String call = toolCalls.getOrDefault(block.path("tool_use_id").asString(""), "a tool call");
			if (content.contains("permission") || content.contains("denied") || content.contains("not allowed")) {
				String refusal = call + " — refused by Claude Code's permission rules";
				refusals.add(refusal);
				progress.accept("Refused: " + call);
			}
			else {
				progress.accept(call + " failed: " + firstLine(content));
			}
		}
	}

	/** "Editing src/app.py", "Running sh run_tests.sh", ... with paths relative to the working copy. */
	private String describe(String tool, JsonNode input) {
		return switch (tool) {
			case "Read" -> "Reading " + relative(input.path("file_path").asString(""));
			case "Edit", "MultiEdit" -> "Editing " + relative(input.path("file_path").asString(""));
			case "Write" -> "Writing " + relative(input.path("file_path").asString(""));
			case "Glob" -> "Looking for files " + input.path("pattern").asString("");
			case "Grep" -> "Searching for " + input.path("pattern").asString("");
			case "Bash" -> "Running " + firstLine(input.path("command").asString(""));
			default -> "Using " + tool;
		};
	}

	private String relative(String path) {
		if (path.isEmpty()) {
			return "?";
		}
		try {
			Path file = Path.of(path);
			return file.isAbsolute() && file.startsWith(workDir) ? workDir.relativize(file).toString() : path;
		}
		catch (RuntimeException ex) {
			return path;
		}
	}

	/** Model requests so far (API responses seen). */
	int turns() {
		return responses.size();
	}

	/** What the run used so far, priced with BugBridge's table; exact once the result has arrived. */
	Usage usage(long durationMillis) {
		if (result != null) {
			return finalUsage(durationMillis);
		}
		long input = 0;
		long output = 0;
		long cacheRead = 0;
		long cacheWrite = 0;
		for (long[] counts : responses.values()) {
			input += counts[0];
			output += counts[1];
			cacheRead += counts[2];
			cacheWrite += counts[3];
		}
		return new Usage(model, input, output, cacheRead, cacheWrite, cost(input, output, cacheRead, cacheWrite),
				responses.size(), durationMillis);
	}

	/**
	 * The result's own figures: tokens over all models the CLI used (its side requests included,
	 * {@code modelUsage}), its {@code total_cost_usd} and {@code num_turns}.
	 */
	private Usage finalUsage(long durationMillis) {
		long input = 0;
		long output = 0;
		long cacheRead = 0;
		long cacheWrite = 0;
		JsonNode byModel = result.path("modelUsage");
		if (byModel.isObject() && !byModel.isEmpty()) {
			for (JsonNode used : byModel) {
				input += used.path("inputTokens").asLong(0);
				output += used.path("outputTokens").asLong(0);
				cacheRead += used.path("cacheReadInputTokens").asLong(0);
				cacheWrite += used.path("cacheCreationInputTokens").asLong(0);
			}
		}
		else {
			JsonNode usage = result.path("usage");
			input = usage.path("input_tokens").asLong(0);
			output = usage.path("output_tokens").asLong(0);
			cacheRead = usage.path("cache_read_input_tokens").asLong(0);
			cacheWrite = usage.path("cache_creation_input_tokens").asLong(0);
		}
		BigDecimal usd = result.path("total_cost_usd").isNumber()
				? result.path("total_cost_usd").decimalValue().setScale(6, RoundingMode.HALF_UP)
				: cost(input, output, cacheRead, cacheWrite);
		int turns = result.path("num_turns").asInt(responses.size());
		return new Usage(model, input, output, cacheRead, cacheWrite, usd, turns, durationMillis);
	}

	private BigDecimal cost(long input, long output, long cacheRead, long cacheWrite) {
		return price.input().multiply(BigDecimal.valueOf(input))
			.add(price.output().multiply(BigDecimal.valueOf(output)))
			.add(price.cacheRead().multiply(BigDecimal.valueOf(cacheRead)))
			.add(price.cacheWrite().multiply(BigDecimal.valueOf(cacheWrite)))
			.divide(BigDecimal.valueOf(1_000_000), 6, RoundingMode.HALF_UP);
	}

	/** The final {@code result} event, or null before it arrived (or when the CLI died without one). */
	JsonNode result() {
		return result;
	}

	String version() {
		return version;
	}

	/** Tool calls the CLI's permission rules refused, as reported by the tool results and the result. */
	List<String> refusals() {
		List<String> all = new ArrayList<>(refusals);
		if (result != null) {
			for (JsonNode denial : result.path("permission_denials")) {
				String call = describe(denial.path("tool_name").asString("?"), denial.path("tool_input"));
				String refusal = call + " — refused by Claude Code's permission rules";
				if (!all.contains(refusal)) {
					all.add(refusal);
				}
			}
		}
		return all;
	}

	private static String text(JsonNode content) {
		if (content.isString()) {
			return content.asString();
		}
		StringBuilder text = new StringBuilder();
		for (JsonNode part : content) {
			text.append(part.path("text").asString(""));
		}
		return text.toString();
	}

	static String firstLine(String text) {
		String line = text.strip().lines().findFirst().orElse("");
		return line.length() <= LINE ? line : line.substring(0, LINE) + "…";
	}

}
