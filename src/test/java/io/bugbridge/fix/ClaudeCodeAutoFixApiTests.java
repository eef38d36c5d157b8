package io.bugbridge.fix;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.bugbridge.fix.ClaudeCodeFixer.Plan;
import io.bugbridge.fix.agent.ClaudeCodeCli;
import io.bugbridge.fix.agent.ExecutorProperties;
import io.bugbridge.support.AnthropicSimulator;
import io.bugbridge.support.AnthropicSimulator.Recorded;
import io.bugbridge.support.ApiClient;
import io.bugbridge.support.ApiClient.Response;
import io.bugbridge.support.ApiTest;
import io.bugbridge.support.GitHubSimulator;
import io.bugbridge.support.OnH2;
import io.bugbridge.support.Requires;
import io.bugbridge.support.SimulatedPullRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same Auto-Fix scenario as {@link AutoFixApiTests}, with {@code bugbridge.ai.executor=claude-code}:
 * the real Claude Code CLI ({@code npm install -g @anthropic-ai/claude-code@2.1}, as {@code .ci/run}
 * does) runs headless in the sandbox and talks, through the service's relay, to the Messages API
 * simulator, which streams. The service's own checks decide as with the built-in agent.
 */
@ApiTest
@OnH2
@DirtiesContext
class ClaudeCodeAutoFixApiTests {

	static final AnthropicSimulator ANTHROPIC = AnthropicSimulator.start().acceptModels("claude-sonnet-5",
			"claude-haiku-4-5");

	static final GitHubSimulator GITHUB = new GitHubSimulator();

	static CalcRepository repository;

	static volatile Plan plan = Plan.FIX;

	@LocalServerPort
	int port;

	ApiClient api;

	final String admin = ApiClient.adminToken("admin@bugbridge.example");

	final String customerToken = ApiClient.customerToken("alice@acme.example", "cust-" + UUID.randomUUID());

	/** Tests that need the CLI fail loudly on CI without it, and are skipped with one line elsewhere. */
	@BeforeAll
	static void cliInstalled() {
		Requires.bubblewrap();
		ClaudeCodeCli.Status cli = new ClaudeCodeCli(new ExecutorProperties.ClaudeCode("claude", "node")).status();
		Requires.program(cli.available(), "Claude Code executor tests", cli.problem(),
				"npm install -g @anthropic-ai/claude-code@2.1");
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) throws Exception {
		repository = CalcRepository.create(Files.createTempDirectory("bb-calc-cc"));
		registry.add("bugbridge.ai.executor", () -> "claude-code");
		FixTestSetup.register(registry, repository, ANTHROPIC, GITHUB);
		registry.add("bugbridge.ai.fix.max-tokens", () -> "200000");
	}

	@AfterAll
	static void stop() {
		ANTHROPIC.close();
		GITHUB.close();
	}

	@BeforeEach
	void setUp() {
		api = new ApiClient(port);
		plan = Plan.FIX;
		ANTHROPIC.reset();
		ANTHROPIC.script(request -> ClaudeCodeFixer.answer(request, plan));
	}

	@AfterEach
	void simulatorsSawOnlyValidRequests() {
		assertThat(ANTHROPIC.violations()).isEmpty();
		assertThat(GITHUB.violations()).isEmpty();
	}

	String fileBug(String summary) {
		return FixTestSetup.fileBug(api, customerToken, summary);
	}

	JsonNode awaitFix(String key, String... states) {
		return FixTestSetup.awaitFix(api, admin, key, Duration.ofSeconds(180), states);
	}

	List<Recorded> cliRequests() {
		return ANTHROPIC.messageRequests().stream().filter(ClaudeCodeFixer::fromClaudeCode).toList();
	}

	@Test
	void claudeCodeWritesTheFixInTheSandboxAndTheServiceProvesItAndOpensADraftPullRequest() throws Exception {
		String key = fileBug("Discount is ten times too big");

		Response started = api.post("/api/jira/admin/analyze-bug", admin,
				"{\"issue_key\": \"" + key + "\", \"auto_fix\": true, \"create_pr\": true}");
		assertThat(started.status()).as(started.toString()).isIn(200, 202);

		JsonNode fix = awaitFix(key, "pr_open", "failed");
		assertThat(fix.path("error").asString("")).isEmpty();
		assertThat(fix.get("status").asString()).isEqualTo("pr_open");
		String branch = fix.get("branch").asString();

		// The service's own proof, as with the built-in agent.
		JsonNode verification = fix.get("verification");
		assertThat(verification.get("command").asString()).isEqualTo(CalcRepository.TEST_COMMAND);
		assertThat(verification.get("fail_before").get("exit_code").asInt()).isNotZero();
		assertThat(verification.get("fail_before").get("output_tail").asString()).contains("expected 180 but got 0");
		assertThat(verification.get("pass_after").get("exit_code").asInt()).isZero();
		assertThat(verification.get("pass_after").get("sandboxed").asBoolean()).isTrue();
		// Usage from the CLI's result: its turns and its cost.
		assertThat(fix.get("usage").get("turns").asInt()).isEqualTo(6);
		assertThat(fix.get("usage").get("cost_usd").decimalValue()).isPositive();

		assertThat(repository.read(branch, "src/discount.sh")).contains("$2 / 100 ))");
		assertThat(repository.read(branch, "tests/test_discount.sh")).contains("expected 180");
		assertThat(repository.read("main", "src/discount.sh")).isEqualTo(CalcRepository.BUGGY);

		SimulatedPullRequest pr = GITHUB.pullRequests().stream().filter(p -> p.head().equals(branch)).findFirst()
			.orElseThrow();
		assertThat(pr.draft()).isTrue();
		assertThat(pr.title()).isEqualTo("Fix Discount is ten times too big (" + key + ")");
		// The answer came from the CLI's closing JSON block.
		assertThat(pr.body()).contains("## Root Cause", "divided the percentage by 10", "## Testing",
				"exit code 1, failed", "exit code 0, passed", "Resolves: " + key);

		// The CLI really ran: its requests streamed, carried its tools and the task, and reached the
		// simulator only through the relay, which put in the real key (the sandbox holds a placeholder).
		List<Recorded> cli = cliRequests();
		assertThat(cli).hasSizeGreaterThanOrEqualTo(6);
		Recorded first = cli.stream().filter(r -> r.json().path("tools").toString().contains("\"Bash\"")).findFirst()
			.orElseThrow();
		assertThat(first.json().path("stream").asBoolean()).isTrue();
		assertThat(first.json().path("tools").findValuesAsString("name")).contains("Read", "Edit", "Write", "Bash")
			.doesNotContain("WebFetch", "WebSearch");
		assertThat(first.body()).contains("BugBridge's Auto-Fix engineer", "<bug_report>", key)
			.doesNotContain(GitHubSimulator.TOKEN);
		assertThat(cli).allSatisfy(r -> assertThat(r.headers()).containsEntry("x-api-key", AnthropicSimulator.API_KEY));
		// The test command ran inside the CLI, in the sandbox: its tool result went back to the model.
		assertThat(cli.stream().flatMap(r -> r.lastToolResults().stream()).map(JsonNode::toString))
			.anyMatch(result -> result.contains("expected 180 but got 0"));
	}

	@Test
	void aShellCommandOutsideTheAllowedListIsRefusedAndTheRunGoesOn() throws Exception {
		plan = Plan.FORBIDDEN_COMMAND_FIRST;
		String key = fileBug("Discount off for big orders");

		api.post("/api/jira/admin/analyze-bug", admin, "{\"issue_key\": \"" + key + "\", \"auto_fix\": true, \"create_pr\": false}");

		JsonNode fix = awaitFix(key, "tested", "failed");
		assertThat(fix.path("error").asString("")).isEmpty();
		assertThat(fix.get("status").asString()).isEqualTo("tested");
		assertThat(fix.get("diff").asString()).contains("+\techo $(( $1 - $1 * $2 / 100 ))");
		// The CLI's permission rules refused the command; the model was told so and went on.
		String refusal = cliRequests().stream()
			.flatMap(r -> r.lastToolResults().stream())
			.map(JsonNode::toString)
			.filter(r -> r.contains("\"is_error\":true"))
			.findFirst()
			.orElseThrow();
		assertThat(refusal.toLowerCase()).containsAnyOf("permission", "denied", "not allowed");
		assertThat(refusal).doesNotContain(AnthropicSimulator.API_KEY);
	}

	@Test
	void aTokenBudgetStopsTheCliAndNothingIsPushed() throws Exception {
		plan = Plan.ENDLESS;
		String key = fileBug("Discount loops");

		api.post("/api/jira/admin/analyze-bug", admin, "{\"issue_key\": \"" + key + "\", \"auto_fix\": true, \"create_pr\": true}");

		JsonNode fix = awaitFix(key, "failed", "pr_open");
		assertThat(fix.get("status").asString()).isEqualTo("failed");
		assertThat(fix.get("error").asString()).contains("token limit (200000 tokens)", "Nothing was pushed");
		assertThat(fix.get("usage").get("input_tokens").asLong()).isGreaterThanOrEqualTo(200_000);
		// Stopped as soon as the stream showed it: no turn beyond the one that crossed the limit.
		assertThat(cliRequests().stream().filter(r -> r.json().path("tools").toString().contains("\"Bash\"")).count())
			.isLessThanOrEqualTo(5);
		assertThat(repository.hasBranch(fix.get("branch").asString())).isFalse();
	}

}
