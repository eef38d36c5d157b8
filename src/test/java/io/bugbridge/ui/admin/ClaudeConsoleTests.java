package io.bugbridge.ui.admin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.bugbridge.agent.ModelCheck;
import io.bugbridge.analysis.AnalysisFinished;
import io.bugbridge.analysis.BugAnalysis;
import io.bugbridge.analysis.BugAnalysisService;
import io.bugbridge.support.AnthropicSimulator;
import io.bugbridge.support.AnthropicSimulator.Reply;
import io.bugbridge.support.ApiClient;
import io.bugbridge.support.ApiClient.Response;
import io.bugbridge.support.ApiTest;
import io.bugbridge.support.OnH2;
import io.bugbridge.support.TestAccounts;
import io.bugbridge.support.TestSmtpServer;
import io.bugbridge.support.WebSession;
import io.bugbridge.ticket.Actor;
import io.bugbridge.ticket.NewTicket;
import io.bugbridge.ticket.Priority;
import io.bugbridge.ticket.Ticket;
import io.bugbridge.ticket.TicketService;
import io.bugbridge.ticket.TicketType;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.jgit.api.Git;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console with Claude on (against the Anthropic simulator) and a real git repository: the
 * analysis modal's structured result and usage line, readiness and the confirmation below the
 * threshold, Claude's status in health, stats and Prometheus, and the admins' notice of automatic
 * analyses.
 */
@ApiTest
@OnH2
class ClaudeConsoleTests {

	static final String MODEL = "claude-sonnet-5";

	static final String WEB = "https://github.com/acme/shop";

	static final String ONCALL = "oncall@bugbridge.example";

	static final AnthropicSimulator anthropic = AnthropicSimulator.start().acceptModels(MODEL);

	static final TestSmtpServer smtp = TestSmtpServer.start();

	static Path repository;

	@DynamicPropertySource
	static void claude(DynamicPropertyRegistry registry) throws Exception {
		repository = shop(Files.createTempDirectory("bb-claude-shop"));
		registry.add("bugbridge.repositories[0].name", () -> "shop");
		registry.add("bugbridge.repositories[0].path", () -> repository.toString());
		registry.add("bugbridge.repositories[0].web-url", () -> WEB);
		registry.add("bugbridge.ai.api-key", () -> AnthropicSimulator.API_KEY);
		registry.add("bugbridge.ai.base-url", anthropic::baseUrl);
		registry.add("bugbridge.ai.model", () -> MODEL);
		registry.add("bugbridge.ai.max-retries", () -> "0");
		registry.add("bugbridge.ai.auto-threshold", () -> "60");
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", smtp::port);
		registry.add("bugbridge.notify.admin-recipients", () -> ONCALL);
	}

	@AfterAll
	static void stop() {
		anthropic.close();
	}

	@LocalServerPort
	int port;

	@Autowired
	TicketService tickets;

	@Autowired
	BugAnalysisService analyses;

	@Autowired
	ModelCheck modelCheck;

	@Autowired
	@Qualifier("claudeHealthIndicator")
	HealthIndicator claudeHealth;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	JdbcClient jdbc;

	ApiClient api;

	final String admin = ApiClient.adminToken(TestAccounts.ADMIN);

	@BeforeEach
	void setUp() {
		api = new ApiClient(port);
		anthropic.reset();
		anthropic.acceptModels(MODEL);
		anthropic.script(request -> submitAnalysis());
	}

	@AfterEach
	void checkRequests() {
		assertThat(anthropic.violations()).isEmpty();
		anthropic.acceptModels(MODEL);
		modelCheck.refresh();
	}

	// --- The analysis modal ---

	@Test
	void aFinishedClaudeAnalysisShowsItsStructureUsageAndLinksAndItsTextOnce() {
		Ticket bug = wellReported(Priority.MEDIUM);
		WebSession browser = WebSession.signedIn(port, TestAccounts.ADMIN);
		browser.get("/admin/tickets/" + bug.key() + "/analysis");

		Document started = browser.htmxPost("/admin/tickets/" + bug.key() + "/analysis", Map.of()).html();
		assertThat(started.select("[role=alert]")).isEmpty();
		BugAnalysis done = awaitFinished(bug.key());
		assertThat(done.state()).as(String.valueOf(done.error())).isEqualTo(BugAnalysis.State.DONE);
		Document page = browser.get("/admin/tickets/" + bug.key() + "/analysis").html();

		assertThat(page.select("#analysis-meta").text())
			.contains("Claude " + MODEL + " · 1 turn · 22,300 tokens (9,000 cached) · USD 0.05 ·");
		assertThat(page.select("#analysis-understanding").text()).isEqualTo(UNDERSTANDING);
		assertThat(page.select("#analysis-root-cause").text()).contains(ROOT_CAUSE,
				"src/main/java/shop/PaymentService.java:5-7");
		Element link = page.selectFirst("a.file-link");
		assertThat(link).isNotNull();
		assertThat(link.attr("href")).isEqualTo(WEB + "/blob/" + done.details().commit()
				+ "/src/main/java/shop/PaymentService.java#L5-L7");
		assertThat(link.closest("tr").text()).contains("5–7", "Throws when the total is missing");
		// A long path may wrap only after a slash, never inside a name.
		assertThat(link.select("code.path").html()).isEqualTo(
				"src/<wbr>main/<wbr>java/<wbr>shop/<wbr>PaymentService.java");
		assertThat(link.select("code.path").text()).isEqualTo("src/main/java/shop/PaymentService.java");
		assertThat(page.select("#fix-steps li").eachText()).containsExactly("Write a failing test for a missing total",
				"Validate the total in CartController before charging");
		assertThat(page.select("#side-effects li").eachText()).containsExactly("Orders without totals are refused earlier");
		assertThat(page.select("#analysis-effort").text()).isEqualTo("1-2 hours");
		assertThat(page.select("#analysis-risk").text()).isEqualTo("Low");
		assertThat(page.select("#analysis-confidence").text()).isEqualTo("high");
		assertThat(page.select("#dropped-citations").text()).contains("1 citation", "src/main/java/shop/Invented.java");
		// The internal comment's full text is there once, folded away; the sections are not repeated as text.
		List<Element> fullText = page.select(".pre").stream().filter(e -> e.text().contains("Files to Examine:")).toList();
		assertThat(fullText).hasSize(1);
		assertThat(fullText.get(0).closest("details#posted-comment")).isNotNull();
		assertThat(page.selectFirst("details#posted-comment").hasAttr("open")).isFalse();
		assertThat(page.select("details#posted-comment summary").text()).isEqualTo("Internal comment as posted");
		assertThat(page.text().split(java.util.regex.Pattern.quote(ROOT_CAUSE), -1)).hasSize(3);
		assertThat(page.select("form[action$=/analysis] button").text()).isEqualTo("Analyse again");
		// Started by an admin: no notice to the admins.
		assertThat(adminAnalysisNotifications(bug.key())).isZero();
	}

	@Test
	void readinessIsShownWithItsReasonsAndAClaudeRunBelowTheThresholdMustBeConfirmed() {
		Ticket thin = file(TicketType.BUG, "Broken", "It does not work", Priority.LOW, null, null, null);
		WebSession browser = WebSession.signedIn(port, TestAccounts.ADMIN);

		Document manage = browser.get("/admin/tickets/" + thin.key()).html();

		Element readiness = manage.selectFirst("#readiness");
		assertThat(readiness).isNotNull();
		assertThat(readiness.select(".readiness-score strong").text()).isEqualTo("0/100");
		assertThat(readiness.text()).contains("threshold 60");
		assertThat(readiness.select("li.missing").eachText()).anySatisfy(t -> assertThat(t).contains("✗", "steps to reproduce"));
		Element confirm = manage.selectFirst("form[action$=/analysis] input#confirm-run");
		assertThat(confirm).isNotNull();
		assertThat(confirm.hasAttr("required")).isTrue();
		assertThat(confirm.attr("name")).isEqualTo("confirm");

		Document refused = browser.htmxPost("/admin/tickets/" + thin.key() + "/analysis", Map.of()).html();
		assertThat(refused.select("[role=alert]").text()).contains("scores 0/100", "below the threshold of 60");
		assertThat(refused.select("input#confirm-run[required]")).hasSize(1);
		assertThat(analyses.latest(thin.key())).isEmpty();

		Document confirmed = browser.htmxPost("/admin/tickets/" + thin.key() + "/analysis", Map.of("confirm", "true"))
			.html();
		assertThat(confirmed.select("[role=alert]")).isEmpty();
		assertThat(analyses.latest(thin.key())).isPresent();
		awaitFinished(thin.key());

		Ticket ready = wellReported(Priority.LOW);
		Document readyPage = browser.get("/admin/tickets/" + ready.key() + "/analysis").html();
		assertThat(readyPage.select("#readiness .readiness-score strong").text()).isEqualTo("75/100");
		assertThat(readyPage.select("#readiness li.met").eachText()).anySatisfy(t -> assertThat(t).contains("✓", "a stack trace"));
		assertThat(readyPage.select("input#confirm-run")).isEmpty();
		assertThat(readyPage.select("form[action$=/analysis] button").text()).as("names the engine").isEqualTo("Analyze with Claude");
	}

	@Test
	void aRetiredModelIsAClearReasonInHealthAndOnTheAnalysisNeverAStackTrace() {
		anthropic.acceptModels("claude-sonnet-4-5");
		modelCheck.refresh();

		var health = claudeHealth.health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(String.valueOf(health.getDetails().get("detail"))).contains("model not available: " + MODEL + " (404)");
		assertThat(String.valueOf(health.getDetails().get("hint"))).contains("set bugbridge.ai.model");
		// Analyses fall back to the offline index: the probes that restart or unroute the service stay up.
		assertThat(api.get("/actuator/health/readiness", null).status()).isEqualTo(200);
		assertThat(api.get("/actuator/health/liveness", null).status()).isEqualTo(200);
		JsonNode checks = api.get("/api/jira/admin/health", admin).json().get("checks");
		JsonNode claude = null;
		for (JsonNode check : checks) {
			if (check.get("name").asString().equals("claude")) {
				claude = check;
			}
		}
		assertThat(claude).isNotNull();
		assertThat(claude.get("status").asString()).isEqualTo("fail");
		assertThat(claude.get("detail").asString()).contains("model not available: " + MODEL);
		JsonNode ai = api.get("/api/jira/admin/ai", admin).json();
		assertThat(ai.get("check").get("state").asString()).isEqualTo("fail");

		Ticket bug = wellReported(Priority.MEDIUM);
		WebSession browser = WebSession.signedIn(port, TestAccounts.ADMIN);
		browser.get("/admin/tickets/" + bug.key() + "/analysis");
		browser.htmxPost("/admin/tickets/" + bug.key() + "/analysis", Map.of());
		assertThat(awaitFinished(bug.key()).state()).isEqualTo(BugAnalysis.State.FAILED);
		Document page = browser.get("/admin/tickets/" + bug.key() + "/analysis").html();

		assertThat(page.select("#analysis-error").text()).contains("model not available: " + MODEL + " (404)");
		assertThat(page.select("#fallback-title").text()).isEqualTo("Offline analysis (fallback)");
		assertThat(page.select("a.file-link, table.files code").eachText())
			.contains("src/main/java/shop/PaymentService.java");
		assertThat(page.select("form[action$=/analysis] button").text()).isEqualTo("Try again");
		assertThat(page.text()).doesNotContain("Exception:", "at com.anthropic", "at io.bugbridge");
	}

	// --- Status, stats and metrics ---

	@Test
	void usageReachesTheAdminStatusStatsAndPrometheus() {
		Ticket bug = wellReported(Priority.MEDIUM);
		analyses.request(bug.key(), null, new Actor(TestAccounts.ADMIN, TestAccounts.ADMIN, "Ada", Actor.Kind.STAFF));
		assertThat(awaitFinished(bug.key()).state()).isEqualTo(BugAnalysis.State.DONE);

		JsonNode stats = api.get("/api/jira/admin/stats", admin).json().get("ai_usage");
		assertThat(stats).as("ai_usage").isNotNull();
		assertThat(stats.get("calls").asLong()).isPositive();
		assertThat(stats.get("input_tokens").asLong()).isGreaterThanOrEqualTo(12_000);
		assertThat(stats.get("output_tokens").asLong()).isGreaterThanOrEqualTo(800);
		assertThat(stats.get("cache_read_tokens").asLong()).isGreaterThanOrEqualTo(9_000);
		assertThat(stats.get("cache_write_tokens").asLong()).isGreaterThanOrEqualTo(500);
		assertThat(stats.get("cost_usd").asDouble()).isPositive();
		assertThat(stats.get("spent_today_usd").asDouble()).isPositive();

		Response status = api.get("/api/jira/admin/ai", admin);
		assertThat(status.status()).isEqualTo(200);
		JsonNode ai = status.json();
		assertThat(ai.get("configured").asBoolean()).isTrue();
		assertThat(ai.get("model").asString()).isEqualTo(MODEL);
		assertThat(ai.get("base_url").asString()).isEqualTo(anthropic.baseUrl());
		assertThat(ai.get("check").get("state").asString()).isEqualTo("ok");
		assertThat(ai.get("spent_today_usd").asDouble()).isPositive();
		assertThat(ai.get("daily_limit_usd").asDouble()).isEqualTo(50.0);
		assertThat(ai.get("totals").get("calls").asLong()).isPositive();
		assertThat(status.body()).doesNotContain(AnthropicSimulator.API_KEY);

		java.net.http.HttpResponse<String> scrape = scrape(admin);
		assertThat(scrape.statusCode()).as(scrape.body()).isEqualTo(200);
		assertThat(scrape.body()).contains("bugbridge_ai_tokens_total{", "purpose=\"analysis\"", "type=\"cache_read\"",
				"bugbridge_ai_runs_total{", "bugbridge_ai_cost_usd_total{");
		assertThat(scrape(null).statusCode()).isEqualTo(401);
		assertThat(scrape(ApiClient.customerToken("c@acme.example", "acme")).statusCode()).isEqualTo(403);

		Document dashboard = WebSession.signedIn(port, TestAccounts.ADMIN).get("/admin").html();
		assertThat(dashboard.select("#claude-state").text()).isEqualTo("OK");
		assertThat(dashboard.select("#claude-card").text()).contains("model " + MODEL, "Spent today: USD",
				"of USD 50.00 daily limit");
	}

	// --- Admins hear of automatic analyses ---

	@Test
	void adminsAreToldOnceWhenAnAutomaticAnalysisOfAnUrgentBugFinishes() {
		Ticket urgent = wellReported(Priority.CRITICAL);

		BugAnalysis analysis = awaitFinished(urgent.key());
		assertThat(analysis.details().automatic()).isTrue();
		assertThat(analysis.state()).isEqualTo(BugAnalysis.State.DONE);
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(mailsAbout(urgent.key())).hasSize(1));
		MimeMessage mail = mailsAbout(urgent.key()).get(0);
		String text = TestSmtpServer.everything(mail);
		assertThat(text).contains(urgent.key(), "Claude " + MODEL, "done", "src/main/java/shop/PaymentService.java:5-7",
				"/admin/tickets/" + urgent.key() + "/analysis");

		// The same analysis finishing "again" (a redelivered event) is not announced twice.
		events.publishEvent(new AnalysisFinished(analysis));
		assertThat(adminAnalysisNotifications(urgent.key())).isEqualTo(1);
	}

	// --- Helpers ---

	/** Prometheus asks for its text format, not JSON. */
	java.net.http.HttpResponse<String> scrape(String token) {
		var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/actuator/prometheus"))
			.header("Accept", "text/plain;version=0.0.4;q=0.75,*/*;q=0.1");
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		try {
			return java.net.http.HttpClient.newHttpClient().send(request.build(),
					java.net.http.HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	static final String UNDERSTANDING = "Checkout crashes when an order has no total.";

	static final String ROOT_CAUSE = "PaymentService.charge throws IllegalStateException for orders whose total is null.";

	static Reply submitAnalysis() {
		return Reply.toolUse("submit_analysis", Map.of("understanding", UNDERSTANDING, "root_cause",
				Map.of("summary", ROOT_CAUSE, "file", "src/main/java/shop/PaymentService.java", "line_start", 5,
						"line_end", 7),
				"files_to_examine",
				List.of(Map.of("path", "src/main/java/shop/PaymentService.java", "reason",
						"Throws when the total is missing", "line_start", 5, "line_end", 7),
						// Every citation has lines: ClaudeAnalyst.cite unboxes a null line_start when line_end is absent.
						Map.of("path", "src/main/java/shop/CartController.java", "reason", "Calls charge without checking",
								"line_start", 6, "line_end", 8),
						Map.of("path", "src/main/java/shop/Invented.java", "reason", "Made up", "line_start", 1)),
				"fix_approach",
				List.of("1. Write a failing test for a missing total",
						"2. Validate the total in CartController before charging"),
				"side_effects", List.of("Orders without totals are refused earlier"), "estimated_effort", "1-2 hours",
				"risk_level", "Low", "confidence", "high"))
			.usage(12_000, 800, 9_000, 500);
	}

	Ticket wellReported(Priority priority) {
		return file(TicketType.BUG, "Checkout fails with IllegalStateException " + UUID.randomUUID().toString().substring(0, 6),
				"""
						Paying for an order crashes the checkout page for every customer:
						java.lang.IllegalStateException: Order total missing
							at shop.PaymentService.charge(PaymentService.java:6)
							at shop.CartController.checkout(CartController.java:7)
						""", priority, "1. Add an item\n2. Pay", "The order is paid", "An error page");
	}

	Ticket file(TicketType type, String summary, String description, Priority priority, String steps, String expected,
			String actual) {
		return tickets.create(new NewTicket(type, summary, description, priority, TestAccounts.ALICE, null,
				TestAccounts.ACME, null, steps, expected, actual, null, null, null),
				new Actor(TestAccounts.ALICE, TestAccounts.ALICE, null, Actor.Kind.CUSTOMER));
	}

	BugAnalysis awaitFinished(String key) {
		await().atMost(Duration.ofSeconds(60))
			.until(() -> analyses.latest(key).map(a -> a.state().finished()).orElse(false));
		return analyses.latest(key).orElseThrow();
	}

	long adminAnalysisNotifications(String key) {
		return jdbc.sql("SELECT COUNT(*) FROM notification WHERE kind = 'admin-analysis' AND ticket_key = :key")
			.param("key", key)
			.query(Long.class)
			.single();
	}

	List<MimeMessage> mailsAbout(String key) {
		return smtp.messagesTo(ONCALL).stream().filter(m -> {
			try {
				return m.getSubject().contains(key) && m.getSubject().contains("Analysis");
			}
			catch (jakarta.mail.MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}).toList();
	}

	/** A small shop application in a git repository, for analyses to read. */
	static Path shop(Path directory) throws Exception {
		write(directory, "src/main/java/shop/PaymentService.java", """
				package shop;

				public class PaymentService {
					public Receipt charge(Order order) {
						if (order.total() == null) {
							throw new IllegalStateException("Order total missing");
						}
						return new Receipt(order.id(), order.total());
					}
				}
				""");
		write(directory, "src/main/java/shop/CartController.java", """
				package shop;

				public class CartController {
					private final PaymentService payments = new PaymentService();

					public String checkout(Order order) {
						return payments.charge(order).id();
					}
				}
				""");
		write(directory, "src/main/java/shop/Receipt.java", "package shop;\n\npublic record Receipt(String id, Long total) {\n}\n");
		try (Git git = Git.init().setDirectory(directory.toFile()).setInitialBranch("main").call()) {
			git.add().addFilepattern(".").call();
			git.commit().setMessage("Shop with payments").setAuthor("dev", "dev@shop.example").call();
		}
		return directory;
	}

	private static void write(Path directory, String path, String content) throws IOException {
		Path file = directory.resolve(path);
		Files.createDirectories(file.getParent());
		Files.writeString(file, content);
	}

}
