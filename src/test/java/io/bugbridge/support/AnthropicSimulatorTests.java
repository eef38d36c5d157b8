package io.bugbridge.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.errors.AnthropicException;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.errors.NotFoundException;
import com.anthropic.errors.OverloadedException;
import com.anthropic.errors.RateLimitException;
import com.anthropic.errors.UnauthorizedException;
import com.anthropic.models.messages.CacheControlEphemeral;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.TextBlockParam;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolTextEditor20250728;
import com.anthropic.models.messages.ToolUseBlock;
import com.anthropic.models.models.ModelInfo;
import com.anthropic.helpers.MessageAccumulator;
import io.bugbridge.support.AnthropicSimulator.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The simulator as the official SDK sees it: if these pass, the SDK and the simulator agree on the
 * wire format, so the service's tests against the simulator mean something.
 */
class AnthropicSimulatorTests {

	private static final String MODEL = "claude-sonnet-4-5";

	private AnthropicSimulator sim;

	private AnthropicClient client;

	private final List<AnthropicClient> clients = new ArrayList<>();

	@BeforeEach
	void start() {
		sim = AnthropicSimulator.start();
		client = client(AnthropicSimulator.API_KEY, 2, Duration.ofSeconds(10));
	}

	@AfterEach
	void stop() {
		clients.forEach(AnthropicClient::close);
		sim.close();
	}

	private AnthropicClient client(String key, int maxRetries, Duration timeout) {
		AnthropicClient made = AnthropicOkHttpClient.builder()
			.apiKey(key)
			.baseUrl(sim.baseUrl())
			.maxRetries(maxRetries)
			.timeout(timeout)
			.build();
		clients.add(made);
		return made;
	}

	private static MessageCreateParams.Builder ask(String text) {
		return MessageCreateParams.builder().model(MODEL).maxTokens(1024).addUserMessage(text);
	}

	@Test
	void retrievesAKnownModel() {
		ModelInfo info = client.models().retrieve(MODEL);

		assertThat(info.id()).isEqualTo(MODEL);
		assertThat(info.displayName()).isEqualTo("Claude Sonnet 4.5");
		assertThat(info.createdAt()).isNotNull();
		assertThat(sim.requests()).singleElement().satisfies(r -> {
			assertThat(r.method()).isEqualTo("GET");
			assertThat(r.path()).isEqualTo("/v1/models/" + MODEL);
			// What anthropic-java 3.14.0 sends for apiKey(..): a bearer token, and its own version default.
			assertThat(r.headers()).containsEntry("authorization", "Bearer " + AnthropicSimulator.API_KEY)
				.containsEntry("anthropic-version", "2026-10-21");
		});
		assertThat(sim.violations()).isEmpty();
	}

	@Test
	void aStreamingRequestIsAnsweredWithServerSentEventsTheSdkAccumulatesIntoTheSameMessage() {
		sim.enqueue(Reply.toolUse("get_weather", Map.of("city", "Zürich", "days", 3)).withText("Let me look.")
			.usage(1200, 87, 300, 40));
		MessageAccumulator accumulator = MessageAccumulator.create();
		List<String> events = new ArrayList<>();

		try (var stream = client.messages().createStreaming(ask("weather?").addTool(Tool.builder()
			.name("get_weather")
			.inputSchema(Tool.InputSchema.builder().build())
			.build()).build())) {
			stream.stream().forEach(event -> {
				accumulator.accumulate(event);
				events.add(event.isMessageStart() ? "message_start" : event.isContentBlockStart() ? "content_block_start"
						: event.isContentBlockDelta() ? "content_block_delta" : event.isContentBlockStop()
								? "content_block_stop" : event.isMessageDelta() ? "message_delta" : "message_stop");
			});
		}

		Message message = accumulator.message();
		assertThat(message.content()).hasSize(2);
		assertThat(message.content().get(0).asText().text()).isEqualTo("Let me look.");
		ToolUseBlock call = message.content().get(1).asToolUse();
		assertThat(call.name()).isEqualTo("get_weather");
		assertThat(call.id()).startsWith("toolu_");
		assertThat(call._input().convert(Map.class)).isEqualTo(Map.of("city", "Zürich", "days", 3));
		assertThat(message.stopReason()).contains(StopReason.TOOL_USE);
		assertThat(message.usage().inputTokens()).isEqualTo(1200);
		assertThat(message.usage().outputTokens()).isEqualTo(87);
		assertThat(message.usage().cacheReadInputTokens()).contains(300L);
		assertThat(events).startsWith("message_start", "content_block_start", "content_block_delta", "content_block_delta",
				"content_block_stop").endsWith("message_delta", "message_stop");
		assertThat(sim.messageRequests().get(0).json().path("stream").asBoolean()).isTrue();
		assertThat(sim.violations()).isEmpty();
	}

	@Test
	void claudeCodesSideRequestsAreValid() throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		HttpResponse<String> reachable = http.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/"))
			.method("HEAD", HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
		HttpResponse<String> counted = http.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/v1/messages/count_tokens"))
			.header("x-api-key", AnthropicSimulator.API_KEY)
			.header("anthropic-version", "2023-06-01")
			.header("content-type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"claude-sonnet-4-5\",\"messages\":[{\"role\":\"user\","
					+ "\"content\":\"hi\"}]}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		sim.enqueue(Reply.text("ok"));
		HttpResponse<String> withSystem = post(http, "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":100,\"stream\":true,"
				+ "\"messages\":[" + "{\"role\":\"user\",\"content\":\"hi\"},{\"role\":\"system\",\"content\":\"be brief\"}]}",
				"2023-06-01");

		assertThat(reachable.statusCode()).isEqualTo(200);
		assertThat(counted.statusCode()).isEqualTo(200);
		assertThat(counted.body()).contains("\"input_tokens\"");
		assertThat(withSystem.statusCode()).isEqualTo(200);
		assertThat(withSystem.headers().firstValue("content-type")).contains("text/event-stream");
		assertThat(withSystem.body()).startsWith("event: message_start").contains("\"text_delta\"", "event: message_stop");
		assertThat(sim.violations()).isEmpty();
	}

	@Test
	void theDocumentedVersionHeaderMayBePinned() {
		AnthropicClient pinned = AnthropicOkHttpClient.builder()
			.apiKey(AnthropicSimulator.API_KEY)
			.baseUrl(sim.baseUrl())
			.putHeader("anthropic-version", "2023-06-01")
			.build();
		clients.add(pinned);
		sim.enqueue(Reply.text("ok"));

		pinned.messages().create(ask("hi").build());

		assertThat(sim.messageRequests().get(0).headers()).containsEntry("anthropic-version", "2023-06-01");
		assertThat(sim.violations()).isEmpty();
	}

	@Test
	void aRetiredOrUnknownModelIsNotFound() {
		assertThatThrownBy(() -> client.models().retrieve("claude-sonnet-4-20250514"))
			.isInstanceOfSatisfying(NotFoundException.class, ex -> {
				assertThat(ex.statusCode()).isEqualTo(404);
				assertThat(ex.apiMessage()).contains("model: claude-sonnet-4-20250514");
			});
		assertThatThrownBy(() -> client.messages().create(ask("hi").model("claude-sonnet-4-20250514").build()))
			.isInstanceOf(NotFoundException.class);
		assertThat(sim.violations()).isEmpty();
	}

	@Test
	void aWrongKeyIsUnauthorised() {
		AnthropicClient wrong = client("sk-ant-wrong", 2, Duration.ofSeconds(10));
		assertThatThrownBy(() -> wrong.models().retrieve(MODEL)).isInstanceOf(UnauthorizedException.class);
		assertThatThrownBy(() -> wrong.messages().create(ask("hi").build()))
			.isInstanceOfSatisfying(UnauthorizedException.class, ex -> {
				assertThat(ex.statusCode()).isEqualTo(401);
				assertThat(ex.requestId()).hasValueSatisfying(id -> assertThat(id).startsWith("req_"));
			});
		assertThat(sim.requests()).hasSize(2);
		assertThat(sim.violations()).isEmpty();
	}

	@Test
	void answersText() {
		sim.enqueue(Reply.text("Hello from the simulator"));

		Message message = client.messages().create(ask("hi").build());

		assertThat(message.stopReason()).contains(StopReason.END_TURN);
		assertThat(message.model().asString()).isEqualTo(MODEL);
		assertThat(message.content()).singleElement()
			.satisfies(b -> assertThat(b.asText().text()).isEqualTo("Hello from the simulator"));
		assertThat(message.usage().inputTokens()).isEqualTo(1000);
		assertThat(message.usage().outputTokens()).isEqualTo(100);
		assertThat(message.stopSequence()).isEmpty();
		assertThat(sim.messageRequests()).singleElement()
			.satisfies(r -> assertThat(r.json().path("messages").get(0).path("content").asString()).isEqualTo("hi"));
		assertThat(sim.violations()).isEmpty();
	}

	@Test
	void toolUseRoundTripWithACustomToolAndTheTextEditor() {
		CacheControlEphemeral cache = CacheControlEphemeral.builder().build();
		Tool lookup = Tool.builder()
			.name("get_ticket")
			.description("Reads a ticket")
			.inputSchema(Tool.InputSchema.builder()
				.properties(JsonValue.from(Map.of("key", Map.of("type", "string"))))
				.addRequired("key")
				.build())
			.build();
		ToolTextEditor20250728 editor = ToolTextEditor20250728.builder().maxCharacters(20000L).cacheControl(cache).build();
		MessageCreateParams.Builder params = MessageCreateParams.builder()
			.model(MODEL)
			.maxTokens(4096)
			.systemOfTextBlockParams(List.of(TextBlockParam.builder().text("You fix bugs.").cacheControl(cache).build()))
			.addTool(lookup)
			.addTool(editor)
			.addUserMessage("Fix AURA-1");
		sim.enqueue(Reply.toolUses(List.of(Map.entry("get_ticket", Map.of("key", "AURA-1")),
				Map.entry("str_replace_based_edit_tool", "{\"command\":\"view\",\"path\":\"src/App.java\"}")))
			.withText("Let me look.")
			.usage(50, 80, 2000, 300), Reply.text("Fixed."));

		Message first = client.messages().create(params.build());

		assertThat(first.stopReason()).contains(StopReason.TOOL_USE);
		assertThat(first.usage().cacheReadInputTokens()).contains(2000L);
		assertThat(first.usage().cacheCreationInputTokens()).contains(300L);
		assertThat(first.content()).hasSize(3);
		assertThat(first.content().get(0).asText().text()).isEqualTo("Let me look.");
		List<ToolUseBlock> calls = first.content().stream().filter(ContentBlock::isToolUse).map(ContentBlock::asToolUse).toList();
		assertThat(calls).extracting(ToolUseBlock::name).containsExactly("get_ticket", "str_replace_based_edit_tool");
		assertThat(calls).allSatisfy(c -> assertThat(c.id()).startsWith("toolu_"));
		assertThat(calls.get(1)._input().convert(Map.class)).containsEntry("command", "view");

		params.addMessage(first)
			.addUserMessageOfContentBlockParams(List.of(
					ContentBlockParam.ofToolResult(ToolResultBlockParam.builder()
						.toolUseId(calls.get(0).id())
						.content("AURA-1: NPE in App")
						.build()),
					ContentBlockParam.ofToolResult(ToolResultBlockParam.builder()
						.toolUseId(calls.get(1).id())
						.content("File not found: src/App.java")
						.isError(true)
						.build())));
		Message second = client.messages().create(params.build());

		assertThat(second.content().get(0).asText().text()).isEqualTo("Fixed.");
		assertThat(sim.violations()).isEmpty();
		AnthropicSimulator.Recorded sent = sim.messageRequests().get(0);
		assertThat(sent.json().path("system").get(0).path("cache_control").path("type").asString()).isEqualTo("ephemeral");
		JsonNode editorSent = sent.json().path("tools").get(1);
		assertThat(editorSent.path("type").asString()).isEqualTo("text_editor_20250728");
		assertThat(editorSent.path("name").asString()).isEqualTo("str_replace_based_edit_tool");
		assertThat(editorSent.has("input_schema")).isFalse();
		List<JsonNode> results = sim.messageRequests().get(1).lastToolResults();
		assertThat(results).extracting(r -> r.path("tool_use_id").asString())
			.containsExactly(calls.get(0).id(), calls.get(1).id());
		assertThat(results.get(1).path("is_error").asBoolean()).isTrue();
	}

	@Test
	void aToolResultForAnIdNeverIssuedIsAViolation() {
		MessageCreateParams params = ask("hi")
			.addAssistantMessageOfContentBlockParams(List.of(ContentBlockParam.ofText("calling")))
			.addUserMessageOfContentBlockParams(List.of(ContentBlockParam.ofToolResult(
					ToolResultBlockParam.builder().toolUseId("toolu_made_up").content("x").build())))
			.build();

		assertThatThrownBy(() -> client.messages().create(params))
			.isInstanceOfSatisfying(AnthropicServiceException.class, ex -> assertThat(ex.statusCode()).isEqualTo(400));
		assertThat(sim.violations()).singleElement().asString().contains("toolu_made_up", "never issued");
	}

	@Test
	void aRateLimitIsRetriedAfterRetryAfter() {
		sim.enqueue(Reply.error(429, "rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit")
			.header("retry-after", "1"), Reply.text("after the wait"));

		long started = System.nanoTime();
		Message message = client.messages().create(ask("hi").build());

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
		assertThat(message.content().get(0).asText().text()).isEqualTo("after the wait");
		assertThat(sim.messageRequests()).hasSize(2);
		assertThat(sim.messageRequests().get(1).headers()).containsEntry("x-stainless-retry-count", "1");
		assertThat(sim.messageRequests().get(0).body()).isEqualTo(sim.messageRequests().get(1).body());
		assertThat(sim.violations()).isEmpty();
	}

	@Test
	void aRateLimitWithoutRetriesLeftReachesTheCaller() {
		sim.enqueue(Reply.error(429, "rate_limit_error", "slow down").header("retry-after", "30"));
		AnthropicClient once = client(AnthropicSimulator.API_KEY, 0, Duration.ofSeconds(10));
		assertThatThrownBy(() -> once.messages().create(ask("hi").build()))
			.isInstanceOfSatisfying(RateLimitException.class,
					ex -> assertThat(ex.headers().values("retry-after")).containsExactly("30"));
	}

	@Test
	void overloadedIs529() {
		sim.enqueue(Reply.error(529, "overloaded_error", "Overloaded"));
		AnthropicClient once = client(AnthropicSimulator.API_KEY, 0, Duration.ofSeconds(10));
		assertThatThrownBy(() -> once.messages().create(ask("hi").build()))
			.isInstanceOfSatisfying(OverloadedException.class, ex -> {
				assertThat(ex.statusCode()).isEqualTo(529);
				assertThat(ex.apiMessage()).contains("Overloaded");
			});
		assertThat(sim.violations()).isEmpty();
	}

	@Test
	void stopReasonAndScriptedAnswers() {
		sim.script(request -> Reply.text("echo " + request.json().path("messages").size()).stopReason("max_tokens"));

		Message message = client.messages().create(ask("hi").build());

		assertThat(message.stopReason()).contains(StopReason.MAX_TOKENS);
		assertThat(message.content().get(0).asText().text()).isEqualTo("echo 1");
	}

	@Test
	void aLateAnswerTimesTheCallerOut() {
		sim.enqueue(Reply.text("too late").delay(Duration.ofSeconds(2)));
		AnthropicClient impatient = client(AnthropicSimulator.API_KEY, 0, Duration.ofMillis(300));
		assertThatThrownBy(() -> impatient.messages().create(ask("hi").build())).isInstanceOf(AnthropicException.class);
	}

	@Test
	void anUnexpectedRequestIsA500AndAViolation() {
		AnthropicClient once = client(AnthropicSimulator.API_KEY, 0, Duration.ofSeconds(10));
		assertThatThrownBy(() -> once.messages().create(ask("hi").build()))
			.isInstanceOfSatisfying(AnthropicServiceException.class, ex -> assertThat(ex.statusCode()).isEqualTo(500));
		assertThat(sim.violations()).singleElement().asString().contains("unexpected request");
		sim.reset();
		assertThat(sim.violations()).isEmpty();
		assertThat(sim.requests()).isEmpty();
	}

	// --- Requests the SDK would not send, written by hand ---

	@Test
	void malformedRequestsAreViolations() throws Exception {
		String tool = "{\"name\":\"t\",\"input_schema\":{\"type\":\"object\"}}";
		Map<String, String> bad = Map.ofEntries(
				Map.entry("{\"model\":\"claude-sonnet-4-5\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", "max_tokens"),
				Map.entry(body("\"stream\":\"yes\"", user("\"hi\"")), "stream: must be a boolean"),
				Map.entry(body("\"temprature\":0.5", user("\"hi\"")), "temprature: unknown top-level field"),
				Map.entry(body(null, "{\"role\":\"assistant\",\"content\":\"hi\"}"), "first message"),
				Map.entry(body(null, user("\"a\"") + "," + user("\"b\"")), "alternate"),
				Map.entry(body(null, user("[{\"type\":\"video\"}]")), "unknown content block type"),
				Map.entry(body("\"tools\":[{\"name\":\"bad name\",\"input_schema\":{\"type\":\"object\"}}]", user("\"hi\"")), "must match"),
				Map.entry(body("\"tools\":[" + tool + "," + tool + "]", user("\"hi\"")), "duplicate tool name"),
				Map.entry(body("\"tools\":[{\"name\":\"t\",\"input_schema\":{\"type\":\"string\"}}]", user("\"hi\"")), "input_schema"),
				Map.entry(body("\"tools\":[{\"type\":\"text_editor_20250728\",\"name\":\"edit\"}]", user("\"hi\"")), "str_replace_based_edit_tool"),
				Map.entry(body("\"system\":[{\"type\":\"text\",\"text\":\"s\",\"cache_control\":{\"type\":\"persistent\"}}]", user("\"hi\"")), "ephemeral"),
				Map.entry(body("\"system\":[" + "{\"type\":\"text\",\"text\":\"s\",\"cache_control\":{\"type\":\"ephemeral\"}},".repeat(4)
						+ "{\"type\":\"text\",\"text\":\"s\",\"cache_control\":{\"type\":\"ephemeral\",\"ttl\":\"1h\"}}]", user("\"hi\"")), "at most 4"),
				Map.entry(body("\"tool_choice\":{\"type\":\"tool\",\"name\":\"nope\"},\"tools\":[" + tool + "]", user("\"hi\"")), "not one of the tools"),
				Map.entry(body(null, user("\"hi\"") + ",{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"t\",\"input\":{}}]},"
						+ user("[{\"type\":\"text\",\"text\":\"first\"},{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_1\",\"content\":\"r\"}]")), "before any other block"),
				Map.entry(body(null, user("\"hi\"") + ",{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"t\",\"input\":{}}]},"
						+ user("\"no result\"")), "no tool_result for tool_use [toolu_1]"),
				Map.entry(body(null, user("[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_1\",\"is_error\":\"yes\"}]")), "is_error"));
		HttpClient http = HttpClient.newHttpClient();
		for (Map.Entry<String, String> request : bad.entrySet()) {
			sim.reset();
			HttpResponse<String> response = post(http, request.getKey(), "2023-06-01");
			assertThat(response.statusCode()).as(request.getKey()).isEqualTo(400);
			assertThat(response.body()).contains("\"invalid_request_error\"");
			assertThat(response.headers().firstValue("request-id")).isPresent();
			assertThat(sim.violations()).as(request.getKey()).anySatisfy(v -> assertThat(v).contains(request.getValue()));
		}
		sim.reset();
		assertThat(post(http, body(null, user("\"hi\"")), "2024-01-01").statusCode()).isEqualTo(400);
		assertThat(sim.violations()).singleElement().asString().contains("anthropic-version");
	}

	@Test
	void aWrongXApiKeyIsA401ButNoViolation() throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/v1/messages"))
			.header("x-api-key", "sk-ant-wrong")
			.header("anthropic-version", "2023-06-01")
			.header("content-type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body(null, user("\"hi\""))))
			.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).contains("\"authentication_error\"");
		assertThat(sim.violations()).isEmpty();
		assertThat(sim.requests().get(0).body()).isEqualTo(body(null, user("\"hi\"")));

		HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/v1/complete"))
			.header("x-api-key", AnthropicSimulator.API_KEY)
			.header("anthropic-version", "2023-06-01")
			.GET()
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(list.statusCode()).isEqualTo(404);
		assertThat(sim.violations()).singleElement().asString().contains("GET /v1/complete");
	}

	private static String body(String extra, String messages) {
		return "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":100," + (extra == null ? "" : extra + ",") + "\"messages\":["
				+ messages + "]}";
	}

	private static String user(String content) {
		return "{\"role\":\"user\",\"content\":" + content + "}";
	}

	private HttpResponse<String> post(HttpClient http, String body, String version) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/v1/messages"))
			.header("x-api-key", AnthropicSimulator.API_KEY)
			.header("anthropic-version", version)
			.header("content-type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		return http.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
