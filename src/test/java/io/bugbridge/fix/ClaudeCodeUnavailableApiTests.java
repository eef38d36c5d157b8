package io.bugbridge.fix;

import java.nio.file.Files;
import java.util.UUID;

import io.bugbridge.support.ApiClient;
import io.bugbridge.support.ApiClient.Response;
import io.bugbridge.support.ApiTest;
import io.bugbridge.support.OnH2;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code bugbridge.ai.executor=claude-code} without the CLI: Auto-Fix answers 409 naming the install command. */
@ApiTest
@OnH2
class ClaudeCodeUnavailableApiTests {

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) throws Exception {
		CalcRepository repository = CalcRepository.create(Files.createTempDirectory("bb-calc-nocli"));
		registry.add("bugbridge.ai.executor", () -> "claude-code");
		registry.add("bugbridge.ai.claude-code.command", () -> "/nonexistent/claude");
		registry.add("bugbridge.ai.api-key", () -> "sk-ant-test");
		registry.add("bugbridge.ai.base-url", () -> "http://127.0.0.1:9");
		registry.add("bugbridge.repositories[0].name", () -> "calc");
		registry.add("bugbridge.repositories[0].path", () -> repository.directory().toString());
		registry.add("bugbridge.repositories[0].test-command", () -> CalcRepository.TEST_COMMAND);
	}

	@Test
	void autoFixNamesTheMissingCli() {
		ApiClient api = new ApiClient(port);
		String customer = ApiClient.customerToken("alice@acme.example", "cust-" + UUID.randomUUID());
		String key = api.post("/api/jira/bug-report", customer, """
				{"summary": "Discount wrong", "description": "A 10%% discount on 200 gives 0.", "priority": "Low"}""")
			.json().get("key").asString();

		Response autoFix = api.post("/api/jira/admin/analyze-bug", ApiClient.adminToken("admin@bugbridge.example"),
				"{\"issue_key\": \"" + key + "\", \"auto_fix\": true, \"create_pr\": false}");

		assertThat(autoFix.status()).as(autoFix.toString()).isEqualTo(409);
		assertThat(autoFix.json().get("missing").toString()).contains("npm install -g @anthropic-ai/claude-code");
		assertThat(autoFix.json().get("detail").asString()).contains("Claude Code CLI");
	}

}
