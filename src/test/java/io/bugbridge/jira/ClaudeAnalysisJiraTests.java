package io.bugbridge.jira;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.bugbridge.support.AnthropicSimulator;
import io.bugbridge.support.AnthropicSimulator.Reply;
import io.bugbridge.support.ApiClient;
import io.bugbridge.support.ApiClient.Response;
import io.bugbridge.support.ApiTest;
import io.bugbridge.support.OnH2;
import io.bugbridge.ticket.Ticket;
import io.bugbridge.ticket.TicketService;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With Jira and Claude both configured: a High bug filed on the portal is analysed by Claude
 * without being asked, and the analysis reaches Jira as an internal comment, never a public one.
 */
@ApiTest
@OnH2
@DirtiesContext
class ClaudeAnalysisJiraTests {

	static final String MODEL = "claude-sonnet-5";

	static final String PAYMENT = "src/main/java/shop/PaymentService.java";

	static final Duration PATIENCE = Duration.ofSeconds(60);

	static final JiraSimulator JIRA = new JiraSimulator();

	static final AnthropicSimulator ANTHROPIC = AnthropicSimulator.start();

	@DynamicPropertySource
	static void jiraAndClaude(DynamicPropertyRegistry registry) throws Exception {
		JiraTestProperties.register(registry, JIRA);
		Path shop = Files.createTempDirectory("bb-shop-jira");
		try (Git git = Git.init().setDirectory(shop.toFile()).setInitialBranch("main").call()) {
			Path file = shop.resolve(PAYMENT);
			Files.createDirectories(file.getParent());
			Files.writeString(file, """
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
			git.add().addFilepattern(".").call();
			git.commit().setMessage("Payments").setAuthor("dev", "dev@shop.example").call();
		}
		registry.add("bugbridge.repositories[0].name", () -> "shop");
		registry.add("bugbridge.repositories[0].path", shop::toString);
		registry.add("bugbridge.analysis.await-result", () -> "30s");
		registry.add("bugbridge.ai.api-key", () -> AnthropicSimulator.API_KEY);
		registry.add("bugbridge.ai.base-url", ANTHROPIC::baseUrl);
		registry.add("bugbridge.ai.model", () -> MODEL);
		registry.add("bugbridge.ai.max-retries", () -> "0");
		ANTHROPIC.acceptModels(MODEL);
	}

	@AfterAll
	static void stop() {
		JIRA.close();
		ANTHROPIC.close();
	}

	@LocalServerPort
	int port;

	@Autowired
	TicketService tickets;

	ApiClient api;

	final String admin = ApiClient.adminToken("admin@bugbridge.example");

	final String customerToken = ApiClient.customerToken("alice@acme.example", "cust-" + UUID.randomUUID());

	@BeforeEach
	void connect() {
		api = new ApiClient(port);
		JIRA.sendWebhooksTo("http://127.0.0.1:" + port + "/api/jira/webhook", JiraTestProperties.WEBHOOK_SECRET);
	}

	@AfterEach
	void everyRequestMatchedTheApis() {
		assertThat(JIRA.violations()).as("requests that do not match Jira's OpenAPI description").isEmpty();
		assertThat(ANTHROPIC.violations()).as("requests that do not match the Messages API").isEmpty();
	}

	@Test
	void theAnalysisOfAHighBugReachesJiraAsAnInternalComment() {
		String word = "numbat" + UUID.randomUUID().toString().replaceAll("[^a-f]", "");
		ANTHROPIC.script(request -> {
			if (request.lastToolResults().isEmpty()) {
				return Reply.toolUse("str_replace_based_edit_tool", Map.of("command", "view", "path", PAYMENT));
			}
			return Reply.toolUse("submit_analysis", Map.of("understanding", "Checkout crashes without a total " + word,
					"root_cause", Map.of("summary", "charge throws when Order.total() is null", "file", PAYMENT,
							"line_start", 5, "line_end", 7),
					"files_to_examine", List.of(Map.of("path", PAYMENT, "reason", "throws", "line_start", 5, "line_end", 7)),
					"fix_approach", List.of("Write a failing test", "Check the total before charging"),
					"side_effects", List.of(), "estimated_effort", "2 hours", "risk_level", "Low", "confidence", "high"));
		});
		Response filed = api.post("/api/jira/bug-report", customerToken, """
				{"summary": "Checkout crashes when paying", "priority": "High",
				 "description": "Paying crashes with java.lang.IllegalStateException: Order total missing",
				 "steps_to_reproduce": "1. Fill the cart\\n2. Pay", "expected_behavior": "Paid",
				 "actual_behavior": "Error page: Order total missing", "environment": "Firefox"}""");
		assertThat(filed.status()).as(filed.toString()).isEqualTo(201);
		Ticket ticket = tickets.findByKey(filed.json().get("key").asString()).orElseThrow();

		await().atMost(PATIENCE).untilAsserted(() -> {
			JsonNode analyses = api.get("/api/jira/admin/issues/" + ticket.key() + "/analyses", admin).json();
			assertThat(analyses).isNotEmpty();
			assertThat(analyses.get(0).get("status").asString()).isEqualTo("done");
			assertThat(analyses.get(0).get("engine").asString()).isEqualTo("claude");
		});
		ObjectNode comment = await().atMost(PATIENCE).until(() -> analysisComment(ticket, word), c -> c != null);

		assertThat(Adf.toText(comment.path("body"))).contains("Understanding:", "Root Cause:", "Files to Examine:",
				PAYMENT + ":5-7", "Suggested Fix Approach:", "Risk Level: Low");
		// Internal in Jira: restricted to a role (Jira Software), and not public on a service desk portal.
		assertThat(comment.path("visibility").path("type").asString()).isEqualTo("role");
		assertThat(comment.path("jsdPublic").asBoolean(false)).isFalse();
		// Jira's echo of the comment (webhook) changes nothing: one analysis comment, still internal.
		await().during(Duration.ofSeconds(1)).atMost(PATIENCE).untilAsserted(() -> {
			List<JsonNode> local = new ArrayList<>();
			api.get("/api/jira/admin/issues/" + ticket.key(), admin).json().get("comments").forEach(c -> {
				if (c.get("body").asString().contains(word)) {
					local.add(c);
				}
			});
			assertThat(local).singleElement().satisfies(c -> assertThat(c.get("internal").asBoolean()).isTrue());
		});
		assertThat(api.get("/api/jira/ticket/" + ticket.key(), customerToken).body()).doesNotContain(word,
				"Files to Examine");
		assertThat(JIRA.issuesLabelled("bb-" + ticket.id())).singleElement()
			.satisfies(issue -> assertThat(issue.comments()).filteredOn(c -> Adf.toText(c.path("body")).contains(word))
				.hasSize(1));
	}

	private ObjectNode analysisComment(Ticket ticket, String word) {
		List<JiraSimulator.Issue> issues = JIRA.issuesLabelled("bb-" + ticket.id());
		if (issues.isEmpty()) {
			return null;
		}
		return issues.get(0).comments().stream().filter(c -> Adf.toText(c.path("body")).contains(word)).findFirst()
			.orElse(null);
	}

}
