package io.bugbridge.analysis.service;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.bugbridge.support.ApiClient;
import io.bugbridge.support.ApiClient.Response;
import io.bugbridge.support.ApiTest;
import io.bugbridge.support.OnH2;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code POST /api/jira/admin/analyze-bug} and automatic analyses, over a real git repository. */
@ApiTest
@OnH2
class AnalysisApiTests {

	static TestRepository repository;

	@LocalServerPort
	int port;

	ApiClient api;

	final String admin = ApiClient.adminToken("admin@bugbridge.example");

	final String customer = "cust-" + UUID.randomUUID();

	final String customerToken = ApiClient.customerToken("alice@acme.example", customer);

	@DynamicPropertySource
	static void repository(DynamicPropertyRegistry registry) throws Exception {
		repository = TestRepository.create(Files.createTempDirectory("bb-shop"));
		registry.add("bugbridge.repositories[0].name", () -> "shop");
		registry.add("bugbridge.repositories[0].path", () -> repository.directory().toString());
		registry.add("bugbridge.analysis.await-result", () -> "30s");
	}

	@BeforeEach
	void setUp() {
		api = new ApiClient(port);
	}

	String fileBug(String summary, String description, String priority) {
		Response created = api.post("/api/jira/bug-report", customerToken, """
				{"summary": %s, "description": %s, "priority": "%s"}""".formatted(quote(summary), quote(description), priority));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.json().get("key").asString();
	}

	Response analyze(String key, String extra) {
		return api.post("/api/jira/admin/analyze-bug", admin,
				"{\"issue_key\": \"" + key + "\"" + (extra.isEmpty() ? "" : ", " + extra) + "}");
	}

	@Test
	void analysesABugWithAStackTraceInTheBriefsLayout() {
		String key = fileBug("Checkout fails with IllegalStateException", """
				Paying for an order crashes:
				java.lang.IllegalStateException: Order total missing
					at shop.PaymentService.charge(PaymentService.java:6)
					at shop.CartController.checkout(CartController.java:7)
				""", "Medium");

		Response response = analyze(key, "\"codebase_path\": \"shop\", \"auto_fix\": false, \"create_pr\": false");

		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		JsonNode body = response.json();
		assertThat(body.get("issue_key").asString()).isEqualTo(key);
		assertThat(body.get("suggested_files").get(0).asString()).isEqualTo("src/main/java/shop/PaymentService.java");
		assertThat(body.get("evidence").get(0).get("evidence").toString()).contains("stack frame");
		assertThat(body.get("analysis").asString()).contains("Understanding:", "Root Cause:", "Files to Examine:",
				"Suggested Fix Approach:", "Potential Side Effects:", "Estimated Effort:", "Risk Level:",
				"without a language model", "PaymentService.java");
		assertThat(body.get("fix_approach").asString()).isNotBlank();
		assertThat(body.get("root_cause_hypotheses")).isNotEmpty();
		assertThat(body.get("risk_level").asString()).isIn("Low", "Medium", "High");
		assertThat(body.get("status").asString()).isEqualTo("done");

		JsonNode issue = api.get("/api/jira/admin/issues/" + key, admin).json();
		assertThat(issue.get("analyses").get(0).get("analysis_id").asLong()).isEqualTo(body.get("analysis_id").asLong());
		assertThat(issue.get("comments").toString()).contains("Files to Examine");
		assertThat(api.get("/api/jira/ticket/" + key, customerToken).body()).doesNotContain("Files to Examine");
	}

	@Test
	void readsPythonAndTypeScriptToo() {
		String python = fileBug("Invoice export crashes", """
				Traceback (most recent call last):
				  File "/srv/app/scripts/export_invoices.py", line 9, in export_invoices
				    writer.writerow([invoice.number, invoice.amount.currency])
				AttributeError: 'Decimal' object has no attribute 'currency'
				""", "Low");
		String typescript = fileBug("Cannot log in", "The login() call in login.ts posts the password but nothing happens",
				"Low");

		assertThat(analyze(python, "").json().get("suggested_files").get(0).asString()).isEqualTo("scripts/export_invoices.py");
		assertThat(analyze(typescript, "").json().get("suggested_files").get(0).asString()).isEqualTo("web/src/login.ts");
	}

	@Test
	void followsTheBranchAfterANewCommit() throws Exception {
		repository.commit("src/main/java/shop/RefundService.java", """
				package shop;

				public class RefundService {
					public void refund(Receipt receipt) {
						throw new UnsupportedOperationException("Refunds are not supported for gift cards");
					}
				}
				""", "Refunds");
		String key = fileBug("Refund of a gift card fails", "RefundService says: Refunds are not supported for gift cards",
				"Low");

		Response response = analyze(key, "");

		assertThat(response.json().get("suggested_files").get(0).asString())
			.isEqualTo("src/main/java/shop/RefundService.java");
	}

	@Test
	void onlyConfiguredRepositoriesAreRead() throws Exception {
		String key = fileBug("Bug", "Something", "Low");
		Path elsewhere = Files.createTempDirectory("not-configured");

		Response other = analyze(key, "\"codebase_path\": \"" + elsewhere + "\"");
		Response climbing = analyze(key, "\"codebase_path\": \"" + repository.directory() + "/../..\"");

		for (Response response : List.of(other, climbing)) {
			assertThat(response.status()).as(response.toString()).isEqualTo(400);
			assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("codebase_path");
			assertThat(response.json().get("errors").get(0).get("message").asString()).contains("shop");
		}
		assertThat(analyze(key, "\"codebase_path\": \"" + repository.directory() + "\"").status()).isEqualTo(200);
	}

	@Test
	void refusesWhatItCannotDo() {
		String bug = fileBug("Bug", "Something", "Low");
		String feature = api.post("/api/jira/feature-request", customerToken, "{\"summary\": \"Dark mode\"}").json()
			.get("key").asString();

		Response autoFix = analyze(bug, "\"auto_fix\": true, \"create_pr\": true");
		Response notABug = analyze(feature, "");
		Response unknown = analyze("AURA-999999", "");
		Response missingKey = api.post("/api/jira/admin/analyze-bug", admin, "{}");
		Response asCustomer = api.post("/api/jira/admin/analyze-bug", customerToken, "{\"issue_key\": \"" + bug + "\"}");

		assertThat(autoFix.status()).isEqualTo(409);
		assertThat(autoFix.json().get("errors").get(0).get("field").asString()).isEqualTo("auto_fix");
		assertThat(notABug.status()).isEqualTo(400);
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(missingKey.status()).isEqualTo(400);
		assertThat(missingKey.json().get("errors").get(0).get("field").asString()).isEqualTo("issue_key");
		assertThat(asCustomer.status()).isEqualTo(403);
	}

	@Test
	void newUrgentBugsAreAnalysedWithoutBeingAsked() {
		String critical = fileBug("Payments down", "PaymentService.charge throws for every order", "Critical");
		String low = fileBug("Typo", "A typo on the receipt", "Low");

		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			JsonNode analyses = api.get("/api/jira/admin/issues/" + critical + "/analyses", admin).json();
			assertThat(analyses).isNotEmpty();
			assertThat(analyses.get(0).get("status").asString()).isEqualTo("done");
		});
		List<String> lowAnalyses = new ArrayList<>();
		api.get("/api/jira/admin/issues/" + low + "/analyses", admin).json().forEach(a -> lowAnalyses.add(a.toString()));
		assertThat(lowAnalyses).isEmpty();
	}

	private static String quote(String text) {
		return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t") + "\"";
	}

}
