package io.bugbridge.fix.agent;

import java.math.BigDecimal;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.bugbridge.agent.AiProperties;
import io.bugbridge.agent.Budget;
import io.bugbridge.agent.Usage;
import io.bugbridge.support.AnthropicSimulator;
import io.bugbridge.support.AnthropicSimulator.Reply;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The Claude Code executor's parts that need no CLI: the relay, the stream, the answer, the command line. */
class ClaudeCodeExecutorTests {

	private static final AiProperties.Price SONNET = new AiProperties.Price(new BigDecimal("3"), new BigDecimal("15"),
			new BigDecimal("0.30"), new BigDecimal("3.75"));

	@Test
	void theRelayForwardsOnlyApiRequestsToTheBaseUrlWithTheRealKeyAndStreamsTheAnswer() throws Exception {
		try (AnthropicSimulator anthropic = AnthropicSimulator.start()) {
			anthropic.enqueue(Reply.text("streamed through"));
			List<String> refused = new ArrayList<>();
			try (AnthropicRelay relay = AnthropicRelay.open(anthropic.baseUrl() + "/", AnthropicSimulator.API_KEY,
					refused::add)) {
				String body = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":100,\"stream\":true,"
						+ "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
				String answer = exchange(relay, "POST /v1/messages?beta=true HTTP/1.1\r\nHost: 127.0.0.1:1\r\n"
						+ "x-api-key: " + ClaudeCodeFixAgent.PLACEHOLDER_KEY + "\r\nanthropic-version: 2023-06-01\r\n"
						+ "content-type: application/json\r\nconnection: keep-alive\r\ncontent-length: "
						+ body.length() + "\r\n\r\n" + body);
				String outside = exchange(relay, "GET /api/oauth/profile HTTP/1.1\r\nHost: x\r\n\r\n");

				assertThat(answer).startsWith("HTTP/1.1 200").contains("Connection: close", "text/event-stream",
						"event: message_start", "streamed", "event: message_stop");
				assertThat(anthropic.messageRequests()).singleElement().satisfies(request -> {
					assertThat(request.headers()).containsEntry("x-api-key", AnthropicSimulator.API_KEY);
					assertThat(request.body()).isEqualTo(body);
				});
				assertThat(outside).startsWith("HTTP/1.1 403");
				assertThat(refused).singleElement().asString().contains("GET /api/oauth/profile");
				assertThat(relay.forwarded()).containsExactly("POST /v1/messages?beta=true");
				assertThat(anthropic.violations()).isEmpty();
			}
		}
	}

	private static String exchange(AnthropicRelay relay, String request) throws Exception {
		try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
			channel.connect(UnixDomainSocketAddress.of(relay.directory().resolve(AnthropicRelay.SOCKET)));
			channel.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.UTF_8)));
			ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
			while (channel.read(buffer) >= 0) {
				// Until the relay closes: one request per connection.
			}
			return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
		}
	}

	@Test
	void theStreamBecomesProgressLiveUsageAndTheResultsFigures() {
		List<String> progress = new ArrayList<>();
		ClaudeCodeStream stream = new ClaudeCodeStream("claude-sonnet-5", SONNET, Path.of("/work/calc"), progress::add);

		stream.accept("{\"type\":\"system\",\"subtype\":\"init\",\"claude_code_version\":\"2.1.197\","
				+ "\"model\":\"claude-sonnet-5\",\"permissionMode\":\"dontAsk\"}");
		stream.accept("{\"type\":\"assistant\",\"message\":{\"id\":\"msg_1\",\"usage\":{\"input_tokens\":1000,"
				+ "\"output_tokens\":1,\"cache_read_input_tokens\":500},\"content\":[{\"type\":\"text\",\"text\":\"Looking.\"}]}}");
		stream.accept("{\"type\":\"assistant\",\"message\":{\"id\":\"msg_1\",\"usage\":{\"input_tokens\":1000,"
				+ "\"output_tokens\":1},\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"Bash\","
				+ "\"input\":{\"command\":\"curl http://evil\"}}]}}");
		stream.accept("{\"type\":\"user\",\"message\":{\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_1\","
				+ "\"is_error\":true,\"content\":\"Permission to use Bash with command curl http://evil has been denied.\"}]}}");
		stream.accept("{\"type\":\"assistant\",\"message\":{\"id\":\"msg_2\",\"usage\":{\"input_tokens\":2000,"
				+ "\"output_tokens\":1},\"content\":[{\"type\":\"tool_use\",\"id\":\"toolu_2\",\"name\":\"Edit\","
				+ "\"input\":{\"file_path\":\"/work/calc/src/discount.sh\"}}]}}");
		stream.accept("not json");

		assertThat(progress).containsExactly("Claude Code 2.1.197 started (model claude-sonnet-5, permission mode dontAsk)",
				"Claude: Looking.", "Running curl http://evil", "Refused: Running curl http://evil",
				"Editing src/discount.sh");
		Usage live = stream.usage(10);
		assertThat(live.turns()).isEqualTo(2);
		assertThat(live.inputTokens()).isEqualTo(3000);
		assertThat(live.cacheReadTokens()).isEqualTo(500);
		// 3000 × 3 + 2 × 15 + 500 × 0.30, per million
		assertThat(live.usd()).isEqualByComparingTo("0.009180");
		assertThat(stream.refusals()).containsExactly("Running curl http://evil — refused by Claude Code's permission rules");

		stream.accept("{\"type\":\"result\",\"subtype\":\"success\",\"num_turns\":3,\"total_cost_usd\":0.0123,"
				+ "\"result\":\"done\",\"modelUsage\":{\"claude-sonnet-5\":{\"inputTokens\":3000,\"outputTokens\":90,"
				+ "\"cacheReadInputTokens\":500,\"cacheCreationInputTokens\":0},\"claude-haiku-4-5\":{\"inputTokens\":50,"
				+ "\"outputTokens\":5}}}");
		Usage last = stream.usage(20);
		assertThat(last.turns()).isEqualTo(3);
		assertThat(last.inputTokens()).isEqualTo(3050);
		assertThat(last.outputTokens()).isEqualTo(95);
		assertThat(last.usd()).isEqualByComparingTo("0.0123");
	}

	@Test
	void theAnswerIsTheClosingJsonBlockOrElseTheResultText() {
		String text = "Fixed it.\n\n```json\n{\"summary\": \"Divide by 100\", \"root_cause\": \"divided by 10\","
				+ " \"changes\": [\"src/a.sh: /100\", \"tests/t.sh: new\"], \"testing\": \"ran it\"}\n```";
		var answer = ClaudeCodeFixAgent.answer(text, null);
		assertThat(answer.path("summary").asString()).isEqualTo("Divide by 100");
		assertThat(answer.path("changes").asString()).isEqualTo("src/a.sh: /100\ntests/t.sh: new");
		assertThat(answer.path("structured").asBoolean()).isTrue();

		var prose = ClaudeCodeFixAgent.answer("The discount was divided by 10.\nNow by 100.", null);
		assertThat(prose.path("summary").asString()).isEqualTo("The discount was divided by 10.");
		assertThat(prose.path("root_cause").asString()).contains("Now by 100.");
		assertThat(prose.path("structured").asBoolean()).isFalse();
	}

	@Test
	void theCommandLineIsHeadlessStreamsAndAllowsOnlyTheTestCommandAsShell() {
		ClaudeCodeCli.Status status = new ClaudeCodeCli.Status(Path.of("/usr/lib/claude/bin/claude.exe"),
				Path.of("/usr/bin/node"), "2.1.197 (Claude Code)", null);
		Budget budget = new Budget(12, 200_000L, new BigDecimal("6.00"), Duration.ofMinutes(45));

		String command = ClaudeCodeFixAgent.command(status, Path.of("/tmp/bb-relay1"), "python -m pytest -q",
				"python -m pytest -q -x {selector}", budget, "claude-sonnet-5");

		assertThat(command).contains("'/usr/bin/node' '/tmp/bb-relay1/relay.js' '/tmp/bb-relay1/api.sock'",
				"export ANTHROPIC_BASE_URL=\"http://127.0.0.1:$(cat \"$TMPDIR/anthropic-relay.port\")\"",
				"exec '/usr/lib/claude/bin/claude.exe' '-p' '--output-format' 'stream-json' '--verbose' '--model' "
						+ "'claude-sonnet-5' '--max-turns' '12' '--max-budget-usd' '6.00' '--tools' "
						+ "'Read,Edit,Write,Glob,Grep,Bash' '--allowedTools' "
						+ "'Read,Edit,Write,Glob,Grep,Bash(python -m pytest -q:*),Bash(python -m pytest -q -x:*)' "
						+ "'--permission-mode' 'dontAsk'",
				"'--append-system-prompt-file' '/tmp/bb-relay1/system.txt'")
			.doesNotContain("dangerously");
	}

	@Test
	void aMissingCliNamesTheInstallCommand() {
		ClaudeCodeCli missing = new ClaudeCodeCli(new ExecutorProperties.ClaudeCode("/nonexistent/claude", "node"));

		assertThat(missing.status().available()).isFalse();
		assertThat(missing.status().problem()).contains("npm install -g @anthropic-ai/claude-code");
		assertThat(new ClaudeCodeFixAgent(null, missing, null, null, null).unavailable())
			.contains("npm install -g @anthropic-ai/claude-code");
	}

}
