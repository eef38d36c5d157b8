package io.bugbridge.fix;

import java.time.Duration;
import java.util.List;

import io.bugbridge.support.AnthropicSimulator;
import io.bugbridge.support.ApiClient;
import io.bugbridge.support.ApiClient.Response;
import io.bugbridge.support.GitHubSimulator;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the Auto-Fix end-to-end tests share, whichever executor they run: the service wired to the
 * calc repository and both simulators, filing the seeded bug, and waiting for a run's state.
 */
final class FixTestSetup {

	private FixTestSetup() {
	}

	static void register(DynamicPropertyRegistry registry, CalcRepository repository, AnthropicSimulator anthropic,
			GitHubSimulator github) {
		registry.add("bugbridge.repositories[0].name", () -> "calc");
		registry.add("bugbridge.repositories[0].path", () -> repository.directory().toString());
		registry.add("bugbridge.repositories[0].test-command", () -> CalcRepository.TEST_COMMAND);
		registry.add("bugbridge.repositories[0].test-timeout", () -> "60s");
		registry.add("bugbridge.ai.api-key", () -> AnthropicSimulator.API_KEY);
		registry.add("bugbridge.ai.base-url", anthropic::baseUrl);
		registry.add("bugbridge.ai.model", () -> "claude-sonnet-5");
		registry.add("bugbridge.ai.max-retries", () -> "0");
		registry.add("bugbridge.github.token", () -> GitHubSimulator.TOKEN);
		registry.add("bugbridge.github.owner", github::owner);
		registry.add("bugbridge.github.repo", github::repo);
		registry.add("bugbridge.github.api-url", github::url);
		registry.add("bugbridge.github.webhook-secret", () -> GitHubSimulator.WEBHOOK_SECRET);
		registry.add("bugbridge.fix.retry-delay", () -> "1s");
		registry.add("bugbridge.ai.fix.max-turns", () -> "12");
		registry.add("bugbridge.analysis.await-result", () -> "20s");
	}

	/** Files the seeded discount bug as a customer and returns its key. */
	static String fileBug(ApiClient api, String customerToken, String summary) {
		Response created = api.post("/api/jira/bug-report", customerToken, """
				{"summary": "%s", "description": "A 10%% discount on 200 gives 0 instead of 180.",
				 "steps_to_reproduce": "Buy for 200 with code TEN", "expected_behavior": "180",
				 "actual_behavior": "0", "priority": "Medium"}""".formatted(summary));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.json().get("key").asString();
	}

	/** The ticket's latest fix run once it is in one of the states. */
	static JsonNode awaitFix(ApiClient api, String admin, String key, Duration atMost, String... states) {
		JsonNode[] latest = new JsonNode[1];
		await().atMost(atMost).pollInterval(Duration.ofMillis(300)).until(() -> {
			Response fixes = api.get("/api/jira/admin/issues/" + key + "/fixes", admin);
			latest[0] = fixes.json().isEmpty() ? null : fixes.json().get(0);
			return latest[0] != null && List.of(states).contains(latest[0].get("status").asString());
		});
		return latest[0];
	}

}
