package io.bugbridge.fix.github;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.web.ErrorResponseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** What needs no running service: the refusal without a secret, and payload translation edge cases. */
class GitHubWebhookControllerTests {

	@Test
	void withoutASecretEveryDeliveryIsRefused() {
		GitHubProperties noSecret = new GitHubProperties("t", "acme", "aura", null, " ", null, null, null);
		GitHubWebhookController controller = new GitHubWebhookController(noSecret, null);
		byte[] body = "{}".getBytes(StandardCharsets.UTF_8);

		ErrorResponseException ex = assertThrows(ErrorResponseException.class,
				() -> controller.receive(body, GitHubWebhookSignature.sign("guess", body), "ping", "d-1"));

		assertThat(ex.getStatusCode().value()).isEqualTo(401);
		assertThat(ex.getBody().getDetail()).contains("GITHUB_WEBHOOK_SECRET");
	}

	@Test
	void aStatusOfACommitThatIsNoBranchHeadCarriesOnlyTheSha() {
		var payload = GitHubJson.MAPPER.readTree("""
				{"state":"failure","sha":"abc","context":"ci/test","description":"3 failed","branches":[],
				 "repository":{"full_name":"acme/aura"}}""");

		Object event = WebhookTranslator.translate("status", payload, Instant.EPOCH).orElseThrow();

		assertThat(event).isEqualTo(new ChecksCompleted("acme/aura", null, "abc", false, "- ci/test: 3 failed"));
	}

	@Test
	void pendingStatusesAndOtherPullRequestActionsPublishNothing() {
		var pending = GitHubJson.MAPPER.readTree("{\"state\":\"pending\",\"sha\":\"abc\"}");
		var synchronize = GitHubJson.MAPPER.readTree("{\"action\":\"synchronize\",\"number\":1}");

		assertThat(WebhookTranslator.translate("status", pending, Instant.EPOCH)).isEmpty();
		assertThat(WebhookTranslator.translate("pull_request", synchronize, Instant.EPOCH)).isEmpty();
	}

	@Test
	void aLongCheckOutputIsCutTo4000Characters() {
		var payload = GitHubJson.MAPPER.readTree("{\"action\":\"completed\",\"check_run\":{\"name\":\"tests\","
				+ "\"conclusion\":\"failure\",\"head_sha\":\"abc\",\"output\":{\"title\":\"t\",\"summary\":\""
				+ "x".repeat(10_000) + "\"}},\"repository\":{\"full_name\":\"acme/aura\"}}");

		ChecksCompleted event = (ChecksCompleted) WebhookTranslator.translate("check_run", payload, Instant.EPOCH)
			.orElseThrow();

		assertThat(event.failureSummary()).hasSizeLessThanOrEqualTo(4000).startsWith("- tests: t — x");
	}

}
