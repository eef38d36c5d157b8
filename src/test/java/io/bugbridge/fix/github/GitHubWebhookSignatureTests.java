package io.bugbridge.fix.github;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GitHubWebhookSignatureTests {

	private static final String VECTOR = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

	@Test
	void matchesGitHubsPublishedTestVector() {
		byte[] body = "Hello, World!".getBytes(StandardCharsets.UTF_8);

		assertThat(GitHubWebhookSignature.sign("It's a Secret to Everybody", body)).isEqualTo(VECTOR);
		assertThat(GitHubWebhookSignature.valid("It's a Secret to Everybody", body, VECTOR)).isTrue();
	}

	@Test
	void refusesMissingWrongAndTamperedSignaturesAndAMissingSecret() {
		byte[] body = "{\"zen\":\"Keep it logically awesome.\"}".getBytes(StandardCharsets.UTF_8);
		String good = GitHubWebhookSignature.sign("secret", body);

		assertThat(GitHubWebhookSignature.valid("secret", body, good)).isTrue();
		assertThat(GitHubWebhookSignature.valid("secret", body, null)).isFalse();
		assertThat(GitHubWebhookSignature.valid(null, body, good)).isFalse();
		assertThat(GitHubWebhookSignature.valid("", body, good)).isFalse();
		assertThat(GitHubWebhookSignature.valid("other", body, good)).isFalse();
		assertThat(GitHubWebhookSignature.valid("secret", "{}".getBytes(StandardCharsets.UTF_8), good)).isFalse();
		assertThat(GitHubWebhookSignature.valid("secret", body, good.substring(7))).isFalse();
	}

}
