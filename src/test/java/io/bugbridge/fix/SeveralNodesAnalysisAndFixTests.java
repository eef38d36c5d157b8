package io.bugbridge.fix;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import io.bugbridge.BugBridgeApplication;
import io.bugbridge.fix.ScriptedFixer.Plan;
import io.bugbridge.support.AnthropicSimulator;
import io.bugbridge.support.AnthropicSimulator.Recorded;
import io.bugbridge.support.ApiClient;
import io.bugbridge.support.ApiClient.Response;
import io.bugbridge.support.GitHubSimulator;
import io.bugbridge.support.PostgresSchemaInitializer;
import io.bugbridge.support.Requires;
import io.bugbridge.support.SimulatedPullRequest;
import io.bugbridge.support.TcpProxy;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Analyses and Auto-Fix runs with two nodes on one PostgreSQL schema (the rest of the cluster's
 * duties: {@code io.bugbridge.jira.SeveralNodesTests}). A run asked for on either node is claimed
 * by one node: one Claude conversation, one internal comment, one usage row, one push, one draft
 * pull request. Asking again on the other node while it runs returns the same run. A node that
 * dies with an analysis and a fix in flight (its database connections cut, then its context
 * closed, while Claude holds its answer) has both taken over by the other node: finished, not left
 * "running", and still one pull request.
 */
class SeveralNodesAnalysisAndFixTests {

	private final AnthropicSimulator anthropic = AnthropicSimulator.start().acceptModels("claude-sonnet-5");

	private final GitHubSimulator github = new GitHubSimulator();

	private final String schema = PostgresSchemaInitializer.newSchema();

	private final String run = UUID.randomUUID().toString().substring(0, 8);

	/** The database as node A reaches it: cut to kill A. */
	private final TcpProxy databaseOfA = TcpProxy.forJdbcUrl(PostgresSchemaInitializer.url(schema));

	private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();

	/** Claude's first answer for the doomed ticket waits here until the end of the test. */
	private final CountDownLatch release = new CountDownLatch(1);

	private final CountDownLatch held = new CountDownLatch(1);

	/** Open once both nodes have answered the simultaneous request, so the run is still active for both. */
	private final CountDownLatch bothAsked = new CountDownLatch(1);

	private final String admin = ApiClient.adminToken("admin@bugbridge.example");

	private final String customer = ApiClient.customerToken("alice@acme.example", "cust-" + run);

	private CalcRepository repository;

	@BeforeAll
	static void bubblewrapInstalled() {
		Requires.bubblewrap();
	}

	@AfterEach
	void cleanUp() {
		release.countDown();
		bothAsked.countDown();
		databaseOfA.close();
		nodes.forEach(ConfigurableApplicationContext::close);
		anthropic.close();
		github.close();
		PostgresSchemaInitializer.dropSchema(schema);
	}

	@Test
	void eachRunIsClaimedOnceAndADeadNodesRunsAreFinishedByTheOther() throws Exception {
		repository = CalcRepository.create(Files.createTempDirectory("bb-calc"));
		String doomedSummary = "Discount doomed " + run;
		AtomicBoolean holding = new AtomicBoolean(true);
		anthropic.script(request -> {
			if (!fixMode(request) && firstTurn(request) && request.body().contains(doomedSummary)
					&& holding.getAndSet(false)) {
				// Node A is in the middle of this call when it dies.
				held.countDown();
				awaitQuietly(release);
			}
			if (!fixMode(request) && firstTurn(request) && request.body().contains("Discount fixed once " + run)) {
				// On a loaded machine the second request could otherwise arrive after the analysis
				// ended, and rightly start a new one.
				awaitQuietly(bothAsked);
			}
			return ScriptedFixer.answer(request, Plan.FIX);
		});

		// Alone, A claims the analysis and the fix of the doomed ticket: they are in flight when A dies.
		ConfigurableApplicationContext a = node("A", databaseOfA.rewrite(PostgresSchemaInitializer.url(schema)));
		ApiClient onA = new ApiClient(port(a));
		String doomed = FixTestSetup.fileBug(onA, customer, doomedSummary);
		JsonNode doomedRun = analyzeAndFix(onA, doomed).json();
		assertThat(held.await(60, TimeUnit.SECONDS)).as("Claude asked by A for " + doomed).isTrue();

		ConfigurableApplicationContext b = node("B", PostgresSchemaInitializer.url(schema));
		ApiClient onB = new ApiClient(port(b));

		// Asked again on B while it runs on A: the same analysis and the same fix run, nothing new queued.
		JsonNode again = analyzeAndFix(onB, doomed).json();
		assertThat(again.get("analysis_id").asLong()).isEqualTo(doomedRun.get("analysis_id").asLong());
		assertThat(again.get("fix").get("run_id").asLong()).isEqualTo(doomedRun.get("fix").get("run_id").asLong());

		// Asked on both nodes at once: one analysis, one fix run, whichever node picks them up.
		String once = FixTestSetup.fileBug(onB, customer, "Discount fixed once " + run);
		CompletableFuture<Response> viaA = CompletableFuture.supplyAsync(() -> analyzeAndFix(onA, once));
		CompletableFuture<Response> viaB = CompletableFuture.supplyAsync(() -> analyzeAndFix(onB, once));
		JsonNode first;
		JsonNode second;
		try {
			first = viaA.get(60, TimeUnit.SECONDS).json();
			second = viaB.get(60, TimeUnit.SECONDS).json();
		}
		finally {
			bothAsked.countDown();
		}
		assertThat(second.get("analysis_id").asLong()).isEqualTo(first.get("analysis_id").asLong());
		assertThat(second.get("fix").get("run_id").asLong()).isEqualTo(first.get("fix").get("run_id").asLong());
		JsonNode fixed = FixTestSetup.awaitFix(onB, admin, once, Duration.ofSeconds(60), "pr_open", "failed");
		assertThat(fixed.path("error").asString("")).isEmpty();
		assertThat(fixed.get("status").asString()).isEqualTo("pr_open");
		assertRanOnce(onA, once, "Discount fixed once " + run, fixed);

		// A dies: its database is gone at once, then its process. B finishes both of A's runs.
		databaseOfA.cut();
		a.close();
		JsonNode resumed = FixTestSetup.awaitFix(onB, admin, doomed, Duration.ofSeconds(60), "pr_open", "failed");
		assertThat(resumed.path("error").asString("")).isEmpty();
		assertThat(resumed.get("status").asString()).isEqualTo("pr_open");
		JsonNode analyses = onB.get("/api/jira/admin/issues/" + doomed + "/analyses", admin).json();
		assertThat(analyses).hasSize(1);
		assertThat(analyses.get(0).get("status").asString()).isEqualTo("done");
		// A's conversation was cut off before Claude answered; B's is the one that counts.
		assertThat(conversations(doomedSummary, false)).isEqualTo(2);
		assertThat(analysisComments(onB, doomed)).isEqualTo(1);
		assertThat(usageRows(doomed, "analysis")).isEqualTo(1);
		assertThat(conversations(doomedSummary, true)).isEqualTo(1);
		assertThat(pullRequestsFor(resumed.get("branch").asString())).hasSize(1);
		assertThat(commitsOn(resumed.get("branch").asString())).isEqualTo(1);

		// Had A died after storing an analysis but before marking its job done, the job would be revived
		// just the same: it must not analyse, comment or pay Claude again.
		int requests = anthropic.messageRequests().size();
		b.getBean(SchedulerClient.class).scheduleIfNotExists(TaskDescriptor.of("bug-analysis", Long.class)
			.instance("revived-" + run).data(analyses.get(0).get("analysis_id").asLong()).scheduledTo(Instant.now()));
		await().atMost(Duration.ofSeconds(30)).until(() -> pendingJobs("revived-" + run) == 0);
		assertThat(anthropic.messageRequests().size()).as("Claude requests after the revived job").isEqualTo(requests);
		assertThat(analysisComments(onB, doomed)).isEqualTo(1);
		assertThat(anthropic.violations()).isEmpty();
		assertThat(github.violations()).isEmpty();
	}

	private int pendingJobs(String instance) throws Exception {
		try (Connection connection = database();
				PreparedStatement query = connection
					.prepareStatement("SELECT COUNT(*) FROM scheduled_tasks WHERE task_instance = ?")) {
			query.setString(1, instance);
			try (ResultSet rows = query.executeQuery()) {
				rows.next();
				return rows.getInt(1);
			}
		}
	}

	private Connection database() throws java.sql.SQLException {
		return DriverManager.getConnection(PostgresSchemaInitializer.url(schema), PostgresSchemaInitializer.USER,
				PostgresSchemaInitializer.PASSWORD);
	}

	private void assertRanOnce(ApiClient api, String key, String summary, JsonNode fix) throws Exception {
		JsonNode analyses = api.get("/api/jira/admin/issues/" + key + "/analyses", admin).json();
		assertThat(analyses).hasSize(1);
		assertThat(analyses.get(0).get("status").asString()).isEqualTo("done");
		assertThat(conversations(summary, false)).as("analysis conversations of " + key).isEqualTo(1);
		assertThat(analysisComments(api, key)).as("analysis comments on " + key).isEqualTo(1);
		assertThat(usageRows(key, "analysis")).as("ai_usage rows of the analysis of " + key).isEqualTo(1);
		assertThat(api.get("/api/jira/admin/issues/" + key + "/fixes", admin).json()).hasSize(1);
		assertThat(conversations(summary, true)).as("fix conversations of " + key).isEqualTo(1);
		String branch = fix.get("branch").asString();
		assertThat(pullRequestsFor(branch)).as("pull requests of " + branch).hasSize(1);
		assertThat(commitsOn(branch)).as("commits pushed to " + branch).isEqualTo(1);
	}

	private Response analyzeAndFix(ApiClient api, String key) {
		Response started = api.post("/api/jira/admin/analyze-bug", admin,
				"{\"issue_key\": \"" + key + "\", \"auto_fix\": true, \"create_pr\": true}");
		assertThat(started.status()).as(started.toString()).isIn(200, 202);
		return started;
	}

	/** Conversations with Claude about the ticket: each starts with a request holding one message. */
	private long conversations(String summary, boolean fix) {
		return anthropic.messageRequests().stream().filter(r -> fixMode(r) == fix && firstTurn(r)
				&& r.body().contains(summary)).count();
	}

	private static boolean fixMode(Recorded request) {
		return request.json().path("tools").toString().contains("submit_fix");
	}

	private static boolean firstTurn(Recorded request) {
		return request.json().path("messages").size() == 1;
	}

	private long analysisComments(ApiClient api, String key) {
		JsonNode comments = api.get("/api/jira/admin/issues/" + key, admin).json().get("comments");
		long count = 0;
		for (JsonNode comment : comments) {
			if (comment.path("author").asString("").equals("BugBridge analysis")) {
				count++;
			}
		}
		return count;
	}

	private int usageRows(String key, String purpose) throws Exception {
		try (Connection connection = database();
				PreparedStatement query = connection
					.prepareStatement("SELECT COUNT(*) FROM ai_usage WHERE ticket_key = ? AND purpose = ?")) {
			query.setString(1, key);
			query.setString(2, purpose);
			try (ResultSet rows = query.executeQuery()) {
				rows.next();
				return rows.getInt(1);
			}
		}
	}

	private List<SimulatedPullRequest> pullRequestsFor(String branch) {
		return github.pullRequests().stream().filter(pr -> pr.head().equals(branch)).toList();
	}

	/** Commits on the pushed branch beyond main: a second push of another run would add its own. */
	private int commitsOn(String branch) throws Exception {
		try (Git git = Git.open(repository.directory().toFile())) {
			var repo = git.getRepository();
			int count = 0;
			for (var ignored : git.log().addRange(repo.resolve("refs/heads/main"), repo.resolve("refs/heads/" + branch))
				.call()) {
				count++;
			}
			return count;
		}
	}

	private ConfigurableApplicationContext node(String name, String databaseUrl) {
		Map<String, String> settings = new LinkedHashMap<>();
		FixTestSetup.register((key, value) -> settings.put(key, String.valueOf(value.get())), repository, anthropic,
				github);
		settings.putAll(Map.of("server.port", "0", "spring.datasource.url", databaseUrl, "spring.datasource.username",
				PostgresSchemaInitializer.USER, "spring.datasource.password", PostgresSchemaInitializer.PASSWORD,
				"bugbridge.data-dir", "target/test-data/" + schema + "-" + name, "bugbridge.jwt.secret",
				ApiClient.TEST_SECRET));
		// The request answers 202 at once; the test polls.
		settings.put("bugbridge.analysis.await-result", "1s");
		// Jobs are found quickly, and a dead node's jobs are taken over after 6 x 1 s without a heartbeat:
		// short for the test, long enough that a node slowed by the machine's load is not taken for dead.
		settings.put("bugbridge.jobs.polling-interval", "200ms");
		settings.put("bugbridge.jobs.heartbeat-interval", "1s");
		settings.put("bugbridge.jobs.shutdown-max-wait", "500ms");
		// A dead database must fail A's last attempts at once, not after the pool's 30 s.
		settings.put("spring.datasource.hikari.connection-timeout", "2000");
		settings.put("bugbridge.rate-limit.admin.capacity", "1000000");
		settings.put("bugbridge.rate-limit.customer.capacity", "1000000");
		List<String> args = new ArrayList<>();
		settings.forEach((key, value) -> args.add("--" + key + "=" + value));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(BugBridgeApplication.class)
			.run(args.toArray(String[]::new));
		nodes.add(context);
		return context;
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(120, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
