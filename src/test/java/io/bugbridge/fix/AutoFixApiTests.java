package io.bugbridge.fix;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.bugbridge.fix.ScriptedFixer.Plan;
import io.bugbridge.support.AnthropicSimulator;
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
import static org.awaitility.Awaitility.await;

/**
 * Auto-Fix end to end: a real repository with a real bug, Claude and GitHub simulated, the tests
 * really run in the sandbox, the branch really pushed (to a local repository standing in for
 * GitHub's git server), and the loop closed by a signed webhook.
 */
@ApiTest
@OnH2
@DirtiesContext
class AutoFixApiTests {

	static final AnthropicSimulator ANTHROPIC = AnthropicSimulator.start().acceptModels("claude-sonnet-5");

	static final GitHubSimulator GITHUB = new GitHubSimulator();

	static CalcRepository repository;

	static volatile Plan plan = Plan.FIX;

	@LocalServerPort
	int port;

	ApiClient api;

	final String admin = ApiClient.adminToken("admin@bugbridge.example");

	final String customer = "cust-" + UUID.randomUUID();

	final String customerToken = ApiClient.customerToken("alice@acme.example", customer);

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) throws Exception {
		repository = CalcRepository.create(Files.createTempDirectory("bb-calc"));
		FixTestSetup.register(registry, repository, ANTHROPIC, GITHUB);
	}

	@AfterAll
	static void stop() {
		ANTHROPIC.close();
		GITHUB.close();
	}

	/** Every fix is proven in bubblewrap: skipped with one line without it, failed on CI (CI=true). */
	@BeforeAll
	static void bubblewrapInstalled() {
		Requires.bubblewrap();
	}

	@BeforeEach
	void setUp() {
		api = new ApiClient(port);
		plan = Plan.FIX;
		ANTHROPIC.script(request -> ScriptedFixer.answer(request, plan));
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
		return FixTestSetup.awaitFix(api, admin, key, Duration.ofSeconds(120), states);
	}

	@Test
	void autoFixPushesATestedFixOpensADraftPullRequestAndAMergeResolvesTheTicket() throws Exception {
		String key = fileBug("Discount is ten times too big");

		Response started = api.post("/api/jira/admin/analyze-bug", admin,
				"{\"issue_key\": \"" + key + "\", \"auto_fix\": true, \"create_pr\": true}");
		assertThat(started.status()).as(started.toString()).isIn(200, 202);
		assertThat(started.json().get("fix").get("status").asString()).isIn("queued", "working");

		JsonNode fix = awaitFix(key, "pr_open", "failed");
		assertThat(fix.path("error").asString("")).isEmpty();
		assertThat(fix.get("status").asString()).isEqualTo("pr_open");
		String branch = fix.get("branch").asString();
		assertThat(branch).startsWith("bugbridge/" + key + "-discount-is-ten-times");

		// The service's own proof, run in the sandbox.
		JsonNode verification = fix.get("verification");
		assertThat(verification.get("command").asString()).isEqualTo(CalcRepository.TEST_COMMAND);
		assertThat(verification.get("fail_before").get("exit_code").asInt()).isNotZero();
		assertThat(verification.get("fail_before").get("output_tail").asString()).contains("expected 180 but got 0");
		assertThat(verification.get("pass_after").get("exit_code").asInt()).isZero();
		assertThat(verification.get("pass_after").get("sandboxed").asBoolean()).isTrue();
		assertThat(fix.get("usage").get("turns").asInt()).isEqualTo(5);

		// The branch holds the fix and the new test.
		assertThat(repository.read(branch, "src/discount.sh")).contains("$2 / 100 ))");
		assertThat(repository.read(branch, "tests/test_discount.sh")).contains("expected 180");
		assertThat(repository.read("main", "src/discount.sh")).isEqualTo(CalcRepository.BUGGY);

		// One draft pull request in the brief's layout.
		List<SimulatedPullRequest> ours = GITHUB.pullRequests().stream().filter(p -> p.head().equals(branch)).toList();
		assertThat(ours).hasSize(1);
		SimulatedPullRequest pr = ours.get(0);
		assertThat(pr.draft()).isTrue();
		assertThat(pr.head()).isEqualTo(branch);
		assertThat(pr.title()).isEqualTo("Fix Discount is ten times too big (" + key + ")");
		assertThat(pr.body()).contains("## Description", "## Changes", "## Root Cause", "## Testing",
				"`" + CalcRepository.TEST_COMMAND + "`", "exit code 1, failed", "exit code 0, passed",
				"Resolves: " + key, "USD", "tests/test_discount.sh");
		String prUrl = fix.get("pr_url").asString();
		assertThat(prUrl).endsWith("/pull/" + pr.number());

		// The analysis answer carries the pull request; staff see it, the customer does not.
		JsonNode analyses = api.get("/api/jira/admin/issues/" + key + "/analyses", admin).json();
		Response analysis = api.get("/api/jira/admin/analyses/" + analyses.get(0).get("analysis_id").asLong(), admin);
		assertThat(analysis.json().get("pr_url").asString()).isEqualTo(prUrl);
		JsonNode issue = api.get("/api/jira/admin/issues/" + key, admin).json();
		assertThat(issue.get("comments").toString()).contains("opened draft pull request " + prUrl);
		assertThat(issue.get("status").asString()).isEqualTo("In Progress");
		String customerView = api.get("/api/jira/ticket/" + key, customerToken).body();
		assertThat(customerView).doesNotContain(prUrl, "Auto-Fix", "divides by 10");

		// A signed "merged" webhook closes the loop.
		GitHubSimulator.Delivery merged = GITHUB.merge(pr.number());
		assertThat(deliver(merged)).isEqualTo(200);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> api.get("/api/jira/admin/issues/" + key + "/fixes", admin).json().get(0).get("status").asString(),
					"merged"::equals);
		JsonNode ticket = api.get("/api/jira/ticket/" + key, customerToken).json();
		assertThat(ticket.get("status").asString()).isEqualTo("Resolved");
		assertThat(ticket.toString()).contains("a fix for this problem has been completed").doesNotContain("pull request");
		// Redelivered: applied once.
		assertThat(deliver(merged)).isEqualTo(200);
		JsonNode stats = api.get("/api/jira/admin/stats", admin).json();
		assertThat(stats.get("ai_fix_success_rate").asDouble()).isEqualTo(1.0);
	}

	@Test
	void aFixWhoseTestsStillFailIsNotPushedAndTheDiffIsKept() throws Exception {
		plan = Plan.TEST_ONLY;
		String key = fileBug("Discount wrong again");

		Response started = api.post("/api/jira/admin/analyze-bug", admin,
				"{\"issue_key\": \"" + key + "\", \"auto_fix\": true, \"create_pr\": true}");
		assertThat(started.status()).isIn(200, 202);

		JsonNode fix = awaitFix(key, "failed", "pr_open");
		assertThat(fix.get("status").asString()).isEqualTo("failed");
		assertThat(fix.get("error").asString()).contains("Not pushed", "the tests fail with the fix");
		assertThat(fix.get("diff").asString()).contains("tests/test_discount.sh");
		assertThat(repository.hasBranch(fix.get("branch").asString())).isFalse();
		assertThat(GITHUB.pullRequests()).noneMatch(pr -> pr.head().equals(fix.get("branch").asString()));
	}

	@Test
	void withoutCreatePrTheFixIsTestedAndShownButNotPushed() throws Exception {
		plan = Plan.TOUCH_CI_FIRST;
		String key = fileBug("Discount off for big orders");

		api.post("/api/jira/admin/analyze-bug", admin, "{\"issue_key\": \"" + key + "\", \"auto_fix\": true, \"create_pr\": false}");

		JsonNode fix = awaitFix(key, "tested", "failed");
		assertThat(fix.path("error").asString("")).isEmpty();
		assertThat(fix.get("status").asString()).isEqualTo("tested");
		assertThat(fix.get("diff").asString()).contains("+\techo $(( $1 - $1 * $2 / 100 ))").doesNotContain(".github");
		assertThat(repository.hasBranch(fix.get("branch").asString())).isFalse();
		// The agent's attempt to change CI was refused by the tool.
		String refusal = ANTHROPIC.messageRequests()
			.stream()
			.flatMap(r -> r.lastToolResults().stream())
			.map(JsonNode::toString)
			.filter(r -> r.contains(".github/workflows/ci.yml"))
			.findFirst()
			.orElseThrow();
		assertThat(refusal).contains("may not be changed by Auto-Fix", "\"is_error\":true");
	}

	@Test
	void githubDownAfterThePushIsRetriedAndOpensExactlyOnePullRequest() throws Exception {
		String key = fileBug("Discount rounding");
		int before = GITHUB.pullRequests().size();
		// Opening the pull request fails for a while after the push (lookup, then create).
		GITHUB.failNext(503, "Service unavailable", java.util.Map.of());

		api.post("/api/jira/admin/analyze-bug", admin, "{\"issue_key\": \"" + key + "\", \"auto_fix\": true, \"create_pr\": true}");

		JsonNode fix = awaitFix(key, "pr_open", "failed");
		assertThat(fix.get("status").asString()).isEqualTo("pr_open");
		assertThat(GITHUB.pullRequests()).hasSize(before + 1);

		// Running Auto-Fix again for the ticket updates the same branch and pull request.
		api.post("/api/jira/admin/analyze-bug", admin, "{\"issue_key\": \"" + key + "\", \"auto_fix\": true, \"create_pr\": true}");
		await().atMost(Duration.ofSeconds(120)).until(() -> {
			JsonNode runs = api.get("/api/jira/admin/issues/" + key + "/fixes", admin).json();
			return runs.size() == 2 && runs.get(0).get("status").asString().equals("pr_open");
		});
		JsonNode second = api.get("/api/jira/admin/issues/" + key + "/fixes", admin).json().get(0);
		assertThat(second.get("branch").asString()).isEqualTo(fix.get("branch").asString());
		assertThat(second.get("pr_number").asInt()).isEqualTo(fix.get("pr_number").asInt());
		assertThat(GITHUB.pullRequests()).hasSize(before + 1);
	}

	@Test
	void failingChecksSendTheAgentBackOnceAndThePullRequestIsUpdated() throws Exception {
		String key = fileBug("Discount breaks the build");
		api.post("/api/jira/admin/analyze-bug", admin, "{\"issue_key\": \"" + key + "\", \"auto_fix\": true, \"create_pr\": true}");
		JsonNode fix = awaitFix(key, "pr_open", "failed");
		assertThat(fix.get("status").asString()).isEqualTo("pr_open");
		String firstHead = fix.get("head_commit").asString();
		int prs = GITHUB.pullRequests().size();

		GitHubSimulator.Delivery failed = GITHUB.setStatus(firstHead, fix.get("branch").asString(), "ci/lint", "failure",
				"shellcheck: missing comment");
		assertThat(deliver(failed)).isEqualTo(200);

		await().atMost(Duration.ofSeconds(120)).until(() -> {
			JsonNode run = api.get("/api/jira/admin/fixes/" + fix.get("run_id").asLong(), admin).json();
			return run.get("status").asString().equals("pr_open") && run.get("check_retries").asInt() == 1
					&& !run.get("head_commit").asString().equals(firstHead);
		});
		JsonNode repaired = api.get("/api/jira/admin/fixes/" + fix.get("run_id").asLong(), admin).json();
		String branch = repaired.get("branch").asString();
		assertThat(repository.read(branch, "src/discount.sh")).startsWith("# price minus a percentage discount")
			.contains("$2 / 100 ))");
		assertThat(GITHUB.pullRequests()).hasSize(prs);
		String repairPrompt = ANTHROPIC.messageRequests().get(ANTHROPIC.messageRequests().size() - 1).body();
		assertThat(repairPrompt).contains("shellcheck: missing comment");
		// The repair keeps the first proof and shows its own pass-after run.
		assertThat(repaired.get("verification").get("fail_before").get("exit_code").asInt()).isNotZero();
		assertThat(repaired.get("verification").get("pass_after").get("exit_code").asInt()).isZero();
	}

	@Test
	void theTurnLimitStopsAFixCleanlyAndNothingIsPushed() throws Exception {
		plan = Plan.ENDLESS;
		String key = fileBug("Discount loops");

		api.post("/api/jira/admin/analyze-bug", admin, "{\"issue_key\": \"" + key + "\", \"auto_fix\": true, \"create_pr\": true}");

		JsonNode fix = awaitFix(key, "failed", "pr_open");
		assertThat(fix.get("status").asString()).isEqualTo("failed");
		assertThat(fix.get("error").asString()).contains("turn limit (12 turns)", "Nothing was pushed");
		assertThat(fix.get("usage").get("turns").asInt()).isEqualTo(12);
		assertThat(repository.hasBranch(fix.get("branch").asString())).isFalse();
	}

	@Test
	void cancellingAQueuedOrWorkingRunStopsIt() throws Exception {
		plan = Plan.ENDLESS;
		String key = fileBug("Discount cancelled");
		api.post("/api/jira/admin/analyze-bug", admin, "{\"issue_key\": \"" + key + "\", \"auto_fix\": true, \"create_pr\": true}");
		long runId = api.get("/api/jira/admin/issues/" + key + "/fixes", admin).json().get(0).get("run_id").asLong();

		Response cancelled = api.post("/api/jira/admin/fixes/" + runId + "/cancel", admin, "{}");

		assertThat(cancelled.status()).isEqualTo(200);
		JsonNode fix = awaitFix(key, "cancelled", "failed");
		assertThat(fix.get("status").asString()).isEqualTo("cancelled");
		assertThat(repository.hasBranch(fix.get("branch").asString())).isFalse();
	}

	@org.springframework.beans.factory.annotation.Autowired
	FixStore store;

	@org.springframework.beans.factory.annotation.Autowired
	FixJob job;

	@org.springframework.beans.factory.annotation.Autowired
	io.bugbridge.ticket.TicketService tickets;

	@org.springframework.beans.factory.annotation.Autowired
	io.bugbridge.fix.github.GitHubClient github;

	/**
	 * A node killed after the push resumes at the pull request; killed after GitHub created the pull
	 * request but before it was recorded, the resumed run finds that pull request by its branch
	 * instead of opening a second one.
	 */
	@Test
	void aRunResumedAfterThePushOpensExactlyOnePullRequest() {
		String key = fileBug("Discount resumed");
		long ticketId = tickets.get(key).id();
		String branch = "bugbridge/" + key + "-discount-resumed";
		long runId = store.insertQueued(ticketId, "calc", true, branch, "test", java.time.Instant.now()).orElseThrow();
		FixRun.TestRun failed = new FixRun.TestRun(1, false, 1200, true, "expected 180 but got 0");
		FixRun.TestRun passed = new FixRun.TestRun(0, false, 1300, true, "all tests passed");
		store.worked(runId, "base", "diff", new FixResult("Divide by 100", "divided by 10", "src/discount.sh", "added a test",
				java.util.List.of("src/discount.sh", "tests/test_discount.sh"), new FixRun.Verification(
						CalcRepository.TEST_COMMAND, java.util.List.of("tests/test_discount.sh"), failed, passed,
						java.util.List.of())),
				new io.bugbridge.agent.Usage("claude-sonnet-5", 1000, 100, 0, 0, java.math.BigDecimal.ONE, 3, 1000));
		store.pushed(runId, "0123456789abcdef0123456789abcdef01234567");
		// The crashed node got as far as creating the pull request.
		var created = github.createDraftPullRequest("Fix Discount resumed (" + key + ")", "body", branch, "main");
		int before = GITHUB.pullRequests().size();

		job.run(runId);

		FixRun resumed = store.find(runId).orElseThrow();
		assertThat(resumed.state()).isEqualTo(FixRun.State.PR_OPEN);
		assertThat(resumed.prNumber()).isEqualTo(created.number());
		assertThat(GITHUB.pullRequests()).hasSize(before);
		SimulatedPullRequest pr = GITHUB.pullRequests().stream().filter(p -> p.number() == created.number()).findFirst()
			.orElseThrow();
		assertThat(pr.body()).contains("Resolves: " + key, "exit code 1, failed", "exit code 0, passed");
	}

	@Test
	void theAutoFixButtonInTheBrowserEndsInADraftPullRequestWithTheTestsBugBridgeRan() {
		String key = fileBug("Discount shown wrong in the cart");
		io.bugbridge.support.Browser browser = io.bugbridge.support.Browser.start(port);
		try {
			browser.signIn(io.bugbridge.support.TestAccounts.ADMIN);
			browser.open("/admin/tickets/" + key + "/analysis");
			browser.settled();
			browser.find(org.openqa.selenium.By.id("autofix-start")).click();

			browser.waitUntil(Duration.ofSeconds(120),
					d -> !d.findElements(org.openqa.selenium.By.id("autofix-pr")).isEmpty());
			String page = browser.find(org.openqa.selenium.By.id("autofix")).getText();
			assertThat(page).contains("Pull request open", "Draft pull request", "failed, as it should", "exit 0", "passed",
					CalcRepository.TEST_COMMAND);
			assertThat(browser.find(org.openqa.selenium.By.id("autofix-pr")).getAttribute("href")).contains("/pull/");
			browser.screenshot("admin-autofix-pull-request");
		}
		finally {
			browser.close();
		}
	}

	@org.springframework.beans.factory.annotation.Autowired
	FixFeedback feedback;

	@Test
	void aPullRequestClosedWithoutMergingIsAFailedFixFoundByPollingWithoutAWebhook() throws Exception {
		String key = fileBug("Discount closed unmerged");
		api.post("/api/jira/admin/analyze-bug", admin, "{\"issue_key\": \"" + key + "\", \"auto_fix\": true, \"create_pr\": true}");
		JsonNode fix = awaitFix(key, "pr_open", "failed");
		assertThat(fix.get("status").asString()).isEqualTo("pr_open");

		// Closed on GitHub; the webhook delivery is lost. The poller finds out.
		GITHUB.close(fix.get("pr_number").asInt());
		feedback.poll();

		JsonNode closed = api.get("/api/jira/admin/fixes/" + fix.get("run_id").asLong(), admin).json();
		assertThat(closed.get("status").asString()).isEqualTo("closed");
		assertThat(api.get("/api/jira/ticket/" + key, customerToken).json().get("status").asString()).isNotEqualTo("Resolved");
		assertThat(api.get("/api/jira/admin/issues/" + key, admin).json().get("comments").toString())
			.contains("closed without merging; recorded as a failed fix");
		JsonNode autoFix = api.get("/api/jira/admin/stats", admin).json().get("auto_fix");
		assertThat(autoFix.get("closed").asLong()).isGreaterThanOrEqualTo(1);
	}

	@Test
	void githubRefusingThePullRequestEndsTheRunWithGitHubsReason() throws Exception {
		String key = fileBug("Discount refused by GitHub");
		GITHUB.failNext(422, "Validation Failed: base branch does not exist", java.util.Map.of());

		api.post("/api/jira/admin/analyze-bug", admin, "{\"issue_key\": \"" + key + "\", \"auto_fix\": true, \"create_pr\": true}");

		JsonNode fix = awaitFix(key, "failed", "pr_open");
		assertThat(fix.get("status").asString()).isEqualTo("failed");
		assertThat(fix.get("error").asString()).contains("was pushed, but", "422", "base branch does not exist")
			.doesNotContain(GitHubSimulator.TOKEN);
	}

	@Test
	void aPushTheRemoteRejectsIsReportedAndNoPullRequestIsOpened() throws Exception {
		String summary = "Discount blocked branch";
		String key = fileBug(summary);
		String branch = io.bugbridge.fix.workspace.Workspaces.branchName(key, summary);
		// A ref below the branch's name makes the branch itself impossible to create on the remote.
		try (var git = org.eclipse.jgit.api.Git.open(repository.directory().toFile())) {
			git.branchCreate().setName(branch + "/blocker").call();
		}
		int prs = GITHUB.pullRequests().size();

		api.post("/api/jira/admin/analyze-bug", admin, "{\"issue_key\": \"" + key + "\", \"auto_fix\": true, \"create_pr\": true}");

		JsonNode fix = awaitFix(key, "failed", "pr_open");
		assertThat(fix.get("status").asString()).isEqualTo("failed");
		assertThat(fix.get("error").asString()).contains(branch);
		assertThat(GITHUB.pullRequests()).hasSize(prs);
	}

	@Test
	void analyzeWithAiInTheBrowserShowsClaudesCheckedAnalysisWithItsCost() {
		String key = fileBug("Discount wrong on the invoice");
		io.bugbridge.support.Browser browser = io.bugbridge.support.Browser.start(port);
		try {
			browser.signIn(io.bugbridge.support.TestAccounts.ADMIN);
			browser.open("/admin/tickets/" + key + "/analysis");
			browser.settled();
			// The report lacks the actual behaviour in words and the error text: below the threshold, so a
			// Claude run must be confirmed first.
			browser.find(org.openqa.selenium.By.id("confirm-run")).click();
			browser.find(org.openqa.selenium.By.xpath("//button[normalize-space(.)='Analyze with Claude']")).click();

			browser.waitUntil(Duration.ofSeconds(60),
					d -> !d.findElements(org.openqa.selenium.By.id("analysis-understanding")).isEmpty());
			assertThat(browser.find(org.openqa.selenium.By.id("analysis-meta")).getText())
				.contains("Claude claude-sonnet-5", "1 turn", "tokens", "USD");
			assertThat(browser.find(org.openqa.selenium.By.id("analysis-understanding")).getText())
				.isEqualTo("The discount is divided by 10, not 100.");
			assertThat(browser.find(org.openqa.selenium.By.id("analysis-root-cause")).getText()).contains("src/discount.sh:2");
			browser.screenshot("admin-claude-analysis");
		}
		finally {
			browser.close();
		}
	}

	int deliver(GitHubSimulator.Delivery delivery) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/github/webhook"))
			.POST(HttpRequest.BodyPublishers.ofString(delivery.body()))
			.header("Content-Type", "application/json");
		delivery.headers().forEach(request::header);
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
	}

}
