package io.bugbridge.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A stand-in for Anthropic's Messages API ({@code POST /v1/messages}, answered as JSON or, for
 * {@code "stream": true}, as server-sent events), {@code POST /v1/messages/count_tokens},
 * {@code GET /v1/models/{id}} and the {@code HEAD /} reachability check of Claude Code, on the JDK's HTTP server, because the real API is unreachable from
 * tests. Answers are scripted ({@link #enqueue}, {@link #script}); every request is checked against
 * the shapes in {@code /work/shared/specs/anthropic-messages-api.md} and a request that does not
 * match is answered 400 and recorded in {@link #violations()}, which tests assert empty. A wrong key
 * (401) or an unknown model (404) is answered like the real API but is not a violation: tests
 * provoke those on purpose.
 */
public final class AnthropicSimulator implements AutoCloseable {

	public static final String API_KEY = "test-anthropic-key";

	/**
	 * 2023-06-01 is the documented version; anthropic-java 3.14.0 sends 2026-10-21 by default
	 * ({@code com.anthropic.core.PrepareRequest.DEFAULT_HEADERS}) unless the client sets the header.
	 */
	static final Set<String> VERSIONS = Set.of("2023-06-01", "2026-10-21");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final List<String> DEFAULT_MODELS = List.of("claude-sonnet-4-5", "claude-opus-4-5", "claude-haiku-4-5",
			"claude-sonnet-4-6");

	private final HttpServer server;

	private final Set<String> models = ConcurrentHashMap.newKeySet();

	private final ConcurrentLinkedQueue<Reply> queue = new ConcurrentLinkedQueue<>();

	private volatile Function<Recorded, Reply> script;

	private final List<Recorded> requests = new CopyOnWriteArrayList<>();

	private final List<String> violations = new CopyOnWriteArrayList<>();

	/** Tool-use ids handed out so far: a tool_result for any other id was made up by the caller. */
	private final Set<String> issuedToolUseIds = ConcurrentHashMap.newKeySet();

	private AnthropicSimulator() {
		models.addAll(DEFAULT_MODELS);
		try {
			server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		server.setExecutor(Executors.newFixedThreadPool(8));
		server.createContext("/", this::handle);
		server.start();
	}

	public static AnthropicSimulator start() {
		return new AnthropicSimulator();
	}

	public String baseUrl() {
		return "http://127.0.0.1:" + server.getAddress().getPort();
	}

	/** Replaces the known models (the default set mirrors current ids; retired ones are unknown). */
	public AnthropicSimulator acceptModels(String... ids) {
		models.clear();
		models.addAll(List.of(ids));
		return this;
	}

	public void enqueue(Reply... replies) {
		queue.addAll(List.of(replies));
	}

	/** Answers {@code POST /v1/messages} once the queue is empty. */
	public void script(Function<Recorded, Reply> script) {
		this.script = script;
	}

	public List<Recorded> requests() {
		return List.copyOf(requests);
	}

	public List<Recorded> messageRequests() {
		return requests.stream().filter(r -> r.method().equals("POST") && r.path().equals("/v1/messages")).toList();
	}

	public List<String> violations() {
		return List.copyOf(violations);
	}

	public void reset() {
		queue.clear();
		script = null;
		requests.clear();
		violations.clear();
		issuedToolUseIds.clear();
	}

	@Override
	public void close() {
		server.stop(0);
		((ExecutorService) server.getExecutor()).shutdownNow();
	}

	// --- HTTP ---

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			String method = exchange.getRequestMethod();
			String path = exchange.getRequestURI().getRawPath();
			Map<String, String> headers = new LinkedHashMap<>();
			exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT),
					String.join(",", values)));
			Recorded recorded = new Recorded(method, path, Map.copyOf(headers), body, parse(body));
			requests.add(recorded);
			Answer answer;
			try {
				answer = answer(recorded);
			}
			catch (RuntimeException ex) {
				violations.add(method + " " + path + " -> simulator error: " + ex);
				answer = Answer.of(Reply.error(500, "api_error", "Internal server error"));
			}
			respond(exchange, answer);
		}
	}

	private Answer answer(Recorded request) {
		String call = request.method() + " " + request.path();
		if (request.method().equals("HEAD") && request.path().equals("/")) {
			// Claude Code's reachability check before its first request.
			return new Answer(200, null, Map.of(), Duration.ZERO, null);
		}
		boolean messages = request.path().equals("/v1/messages");
		boolean counting = request.path().equals("/v1/messages/count_tokens");
		boolean model = request.path().startsWith("/v1/models/") && request.path().length() > "/v1/models/".length();
		if (!((messages || counting) && request.method().equals("POST")) && !(model && request.method().equals("GET"))) {
			return violation(call, List.of("no such operation"), 404, "not_found_error", "Not found");
		}
		List<String> problems = new ArrayList<>();
		String version = request.headers().get("anthropic-version");
		if (!VERSIONS.contains(version)) {
			problems.add("header anthropic-version: must be one of " + VERSIONS + ", was " + version);
		}
		if ((messages || counting) && !request.headers().getOrDefault("content-type", "").toLowerCase(Locale.ROOT)
			.startsWith("application/json")) {
			problems.add("header content-type: must be application/json, was " + request.headers().get("content-type"));
		}
		if (!problems.isEmpty()) {
			return violation(call, problems, 400, "invalid_request_error", String.join("; ", problems));
		}
		if (!authorised(request.headers())) {
			return Answer.of(Reply.error(401, "authentication_error", "invalid x-api-key"));
		}
		if (model) {
			return modelInfo(request.path().substring("/v1/models/".length()));
		}
		if (request.json().isMissingNode()) {
			return violation(call, List.of("body: not JSON"), 400, "invalid_request_error", "body: not JSON");
		}
		if (counting) {
			return countTokens(call, request.json());
		}
		problems.addAll(AnthropicRequestRules.check(request.json(), Set.copyOf(issuedToolUseIds)));
		if (!problems.isEmpty()) {
			return violation(call, problems, 400, "invalid_request_error", String.join("; ", problems));
		}
		String requestedModel = request.json().path("model").asString();
		if (!models.contains(requestedModel)) {
			return Answer.of(Reply.error(404, "not_found_error", "model: " + requestedModel));
		}
		Reply reply = queue.poll();
		Function<Recorded, Reply> dynamic = script;
		if (reply == null && dynamic != null) {
			reply = dynamic.apply(request);
		}
		if (reply == null) {
			violations.add(call + " -> unexpected request: nothing enqueued or scripted");
			return Answer.of(Reply.error(500, "api_error", "unexpected request: nothing enqueued or scripted"));
		}
		Answer answer = reply.render(requestedModel, issuedToolUseIds::add);
		return request.json().path("stream").asBoolean(false) ? answer.streamed() : answer;
	}

	/**
	 * {@code POST /v1/messages/count_tokens}: model and messages like a message request, no
	 * {@code max_tokens}; answered with a rough count (four characters a token).
	 */
	private Answer countTokens(String call, JsonNode body) {
		List<String> problems = new ArrayList<>();
		if (!body.path("model").isString()) {
			problems.add("model: required string");
		}
		if (!body.path("messages").isArray() || body.path("messages").isEmpty()) {
			problems.add("messages: required non-empty array");
		}
		if (body.has("max_tokens") || body.has("stream")) {
			problems.add("count_tokens takes neither max_tokens nor stream");
		}
		if (!problems.isEmpty()) {
			return violation(call, problems, 400, "invalid_request_error", String.join("; ", problems));
		}
		ObjectNode count = JSON.createObjectNode().put("input_tokens", Math.max(1, body.toString().length() / 4));
		return new Answer(200, count, Map.of(), Duration.ZERO, null);
	}

	/**
	 * The API takes the key as {@code x-api-key} or as a bearer token; anthropic-java 3.14.0 sends
	 * {@code apiKey(..)} as {@code Authorization: Bearer}, hand-written clients usually use x-api-key.
	 */
	private static boolean authorised(Map<String, String> headers) {
		String apiKey = headers.get("x-api-key");
		return apiKey != null ? API_KEY.equals(apiKey) : ("Bearer " + API_KEY).equals(headers.get("authorization"));
	}

	private Answer modelInfo(String id) {
		if (!models.contains(id)) {
			return Answer.of(Reply.error(404, "not_found_error", "model: " + id));
		}
		ObjectNode info = JSON.createObjectNode();
		info.put("type", "model").put("id", id).put("display_name", displayName(id))
			.put("created_at", "2025-09-29T00:00:00Z");
		return new Answer(200, info, Map.of(), Duration.ZERO, null);
	}

	/** "claude-sonnet-4-5" is shown as "Claude Sonnet 4.5". */
	private static String displayName(String id) {
		String[] parts = id.split("-");
		StringBuilder name = new StringBuilder();
		for (int i = 0; i < parts.length; i++) {
			String part = parts[i];
			boolean version = part.chars().allMatch(Character::isDigit) && part.length() < 3;
			if (i > 0) {
				name.append(version && i > 1 && parts[i - 1].chars().allMatch(Character::isDigit) ? "." : " ");
			}
			name.append(version ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
		}
		return name.toString();
	}

	private Answer violation(String call, List<String> problems, int status, String type, String message) {
		problems.forEach(problem -> violations.add(call + " -> " + problem));
		return Answer.of(Reply.error(status, type, message));
	}

	private static JsonNode parse(String body) {
		if (body.isEmpty()) {
			return JSON.missingNode();
		}
		try {
			return JSON.readTree(body);
		}
		catch (RuntimeException notJson) {
			return JSON.missingNode();
		}
	}

	private static void respond(HttpExchange exchange, Answer answer) throws IOException {
		if (!answer.delay().isZero()) {
			try {
				TimeUnit.MILLISECONDS.sleep(answer.delay().toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
		if (answer.body() == null) {
			exchange.sendResponseHeaders(answer.status(), -1);
			return;
		}
		byte[] bytes = answer.events() != null ? answer.events().getBytes(StandardCharsets.UTF_8)
				: JSON.writeValueAsBytes(answer.body());
		exchange.getResponseHeaders().set("Content-Type", answer.events() != null ? "text/event-stream" : "application/json");
		exchange.getResponseHeaders().set("request-id", answer.body().path("request_id").asString(newRequestId()));
		answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
		try {
			exchange.sendResponseHeaders(answer.status(), bytes.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		}
		catch (IOException clientGaveUp) {
			// A delayed answer whose caller timed out: nothing left to tell.
		}
	}

	private static String newRequestId() {
		return "req_" + UUID.randomUUID().toString().replace("-", "");
	}

	/** @param events the body as server-sent events when the request asked for a stream; null otherwise */
	private record Answer(int status, JsonNode body, Map<String, String> headers, Duration delay, String events) {

		static Answer of(Reply reply) {
			return reply.render(null, id -> {
			});
		}

		/**
		 * The same message as the Messages API streams it: {@code message_start} (empty content, no
		 * stop reason, output tokens so far), a {@code ping}, each block as {@code content_block_start},
		 * deltas ({@code text_delta}; {@code input_json_delta} fragments of the tool input) and
		 * {@code content_block_stop}, then {@code message_delta} with the stop reason and the cumulative
		 * output tokens, and {@code message_stop}. Errors are not streamed: they stay JSON with their status.
		 */
		Answer streamed() {
			if (status != 200 || !"message".equals(body.path("type").asString(""))) {
				return this;
			}
			StringBuilder sse = new StringBuilder();
			ObjectNode start = ((ObjectNode) body.deepCopy());
			start.putArray("content");
			start.putNull("stop_reason");
			((ObjectNode) start.path("usage")).put("output_tokens", 1);
			event(sse, "message_start", JSON.createObjectNode().put("type", "message_start").set("message", start));
			event(sse, "ping", JSON.createObjectNode().put("type", "ping"));
			JsonNode content = body.path("content");
			for (int i = 0; i < content.size(); i++) {
				JsonNode block = content.get(i);
				String type = block.path("type").asString("");
				ObjectNode first = (ObjectNode) block.deepCopy();
				List<ObjectNode> deltas = new ArrayList<>();
				if (type.equals("text")) {
					first.put("text", "");
					for (String part : halves(block.path("text").asString(""))) {
						deltas.add(JSON.createObjectNode().put("type", "text_delta").put("text", part));
					}
				}
				else if (type.equals("tool_use")) {
					first.putObject("input");
					for (String part : halves(JSON.writeValueAsString(block.path("input")))) {
						deltas.add(JSON.createObjectNode().put("type", "input_json_delta").put("partial_json", part));
					}
				}
				ObjectNode blockStart = JSON.createObjectNode().put("type", "content_block_start").put("index", i);
				blockStart.set("content_block", first);
				event(sse, "content_block_start", blockStart);
				for (ObjectNode delta : deltas) {
					ObjectNode event = JSON.createObjectNode().put("type", "content_block_delta").put("index", i);
					event.set("delta", delta);
					event(sse, "content_block_delta", event);
				}
				event(sse, "content_block_stop", JSON.createObjectNode().put("type", "content_block_stop").put("index", i));
			}
			ObjectNode messageDelta = JSON.createObjectNode().put("type", "message_delta");
			messageDelta.putObject("delta").put("stop_reason", body.path("stop_reason").asString(null)).putNull("stop_sequence");
			messageDelta.putObject("usage").put("output_tokens", body.path("usage").path("output_tokens").asLong(0));
			event(sse, "message_delta", messageDelta);
			event(sse, "message_stop", JSON.createObjectNode().put("type", "message_stop"));
			return new Answer(status, body, headers, delay, sse.toString());
		}

		private static void event(StringBuilder sse, String name, JsonNode data) {
			sse.append("event: ").append(name).append('\n').append("data: ").append(JSON.writeValueAsString(data))
				.append("\n\n");
		}

		/** A text in two fragments (one when it is short), as deltas arrive in pieces. */
		private static List<String> halves(String text) {
			if (text.length() < 2) {
				return List.of(text);
			}
			int middle = text.length() / 2;
			if (Character.isHighSurrogate(text.charAt(middle - 1))) {
				middle++;
			}
			return List.of(text.substring(0, middle), text.substring(middle));
		}

	}

	/** One request as it arrived: {@code body} is the exact raw text, so tests can look for leaked secrets. */
	public record Recorded(String method, String path, Map<String, String> headers, String body, JsonNode json) {

		/** The tool_result blocks of the last user message (what the service answered to the last tool calls). */
		public List<JsonNode> lastToolResults() {
			JsonNode messages = json.path("messages");
			for (int i = messages.size() - 1; i >= 0; i--) {
				JsonNode message = messages.get(i);
				if (message.path("role").asString("").equals("user")) {
					List<JsonNode> results = new ArrayList<>();
					for (JsonNode block : message.path("content")) {
						if (block.path("type").asString("").equals("tool_result")) {
							results.add(block);
						}
					}
					return results;
				}
			}
			return List.of();
		}

	}

	/** What the simulator answers to one {@code POST /v1/messages}; each method returns a changed copy. */
	public static final class Reply {

		private final int status;

		private final JsonNode error;

		private final List<JsonNode> blocks;

		private final String stopReason;

		private final int[] usage;

		private final Map<String, String> headers;

		private final Duration delay;

		private Reply(int status, JsonNode error, List<JsonNode> blocks, String stopReason, int[] usage,
				Map<String, String> headers, Duration delay) {
			this.status = status;
			this.error = error;
			this.blocks = List.copyOf(blocks);
			this.stopReason = stopReason;
			this.usage = usage.clone();
			this.headers = Map.copyOf(headers);
			this.delay = delay;
		}

		private static Reply message(List<JsonNode> blocks, String stopReason) {
			return new Reply(200, null, blocks, stopReason, new int[] { 1000, 100, 0, 0 }, Map.of(), Duration.ZERO);
		}

		/** {@code input}: a Map, a JsonNode or a JSON object text. */
		public static Reply toolUse(String toolName, Object input) {
			return toolUses(List.of(Map.entry(toolName, input)));
		}

		public static Reply toolUses(List<Map.Entry<String, Object>> calls) {
			List<JsonNode> blocks = new ArrayList<>();
			for (Map.Entry<String, Object> call : calls) {
				// The id is filled in when answering, so one Reply enqueued twice still issues fresh ids.
				ObjectNode block = JSON.createObjectNode().put("type", "tool_use").putNull("id").put("name", call.getKey());
				block.set("input", input(call.getValue()));
				blocks.add(block);
			}
			return message(blocks, "tool_use");
		}

		public static Reply text(String text) {
			return message(List.of(textBlock(text)), "end_turn");
		}

		public static Reply error(int status, String errorType, String message) {
			ObjectNode body = JSON.createObjectNode().put("type", "error");
			body.putObject("error").put("type", errorType).put("message", message);
			body.put("request_id", newRequestId());
			return new Reply(status, body, List.of(), null, new int[4], Map.of(), Duration.ZERO);
		}

		public Reply withText(String preamble) {
			List<JsonNode> withText = new ArrayList<>();
			withText.add(textBlock(preamble));
			withText.addAll(blocks);
			return new Reply(status, error, withText, stopReason, usage, headers, delay);
		}

		public Reply stopReason(String reason) {
			return new Reply(status, error, blocks, reason, usage, headers, delay);
		}

		public Reply usage(int input, int output, int cacheRead, int cacheWrite) {
			return new Reply(status, error, blocks, stopReason, new int[] { input, output, cacheRead, cacheWrite }, headers,
					delay);
		}

		public Reply header(String name, String value) {
			Map<String, String> more = new LinkedHashMap<>(headers);
			more.put(name, value);
			return new Reply(status, error, blocks, stopReason, usage, more, delay);
		}

		public Reply delay(Duration d) {
			return new Reply(status, error, blocks, stopReason, usage, headers, d);
		}

		private Answer render(String model, java.util.function.Consumer<String> issue) {
			if (error != null) {
				// A fresh request_id each time, so an error Reply enqueued twice still looks like two answers.
				ObjectNode body = ((ObjectNode) error.deepCopy()).put("request_id", newRequestId());
				return new Answer(status, body, headers, delay, null);
			}
			ObjectNode message = JSON.createObjectNode();
			message.put("id", "msg_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24));
			message.put("type", "message").put("role", "assistant").put("model", model);
			ArrayNode content = message.putArray("content");
			for (JsonNode block : blocks) {
				ObjectNode copy = (ObjectNode) block.deepCopy();
				if (copy.path("type").asString("").equals("tool_use")) {
					String id = "toolu_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
					copy.put("id", id);
					issue.accept(id);
				}
				content.add(copy);
			}
			message.put("stop_reason", stopReason);
			message.putNull("stop_sequence");
			ObjectNode usageNode = message.putObject("usage");
			usageNode.put("input_tokens", usage[0]).put("output_tokens", usage[1]);
			usageNode.put("cache_creation_input_tokens", usage[3]).put("cache_read_input_tokens", usage[2]);
			usageNode.putObject("cache_creation").put("ephemeral_5m_input_tokens", usage[3])
				.put("ephemeral_1h_input_tokens", 0);
			usageNode.putNull("server_tool_use");
			usageNode.put("service_tier", "standard");
			return new Answer(status, message, headers, delay, null);
		}

		private static ObjectNode textBlock(String text) {
			ObjectNode block = JSON.createObjectNode().put("type", "text").put("text", text);
			block.putNull("citations");
			return block;
		}

		private static JsonNode input(Object input) {
			JsonNode node = input instanceof JsonNode json ? json
					: input instanceof String text ? JSON.readTree(text) : JSON.valueToTree(input);
			if (!node.isObject()) {
				throw new IllegalArgumentException("tool input must be a JSON object, was " + node);
			}
			return node;
		}

		@Override
		public String toString() {
			return error != null ? "Reply[" + status + " " + error + "]" : "Reply[" + blocks + ", " + stopReason + "]";
		}

	}

}
