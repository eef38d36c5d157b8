package io.bugbridge.jira;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookSignatureTests {

	@Test
	void isTheHexHmacSha256OfTheRawBody() {
		// The published WebSub/GitHub test vector: same algorithm and format as Jira's X-Hub-Signature.
		byte[] body = "Hello, World!".getBytes(StandardCharsets.UTF_8);

		assertThat(WebhookSignature.sign("It's a Secret to Everybody", body))
			.isEqualTo("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
		assertThat(WebhookSignature.valid("It's a Secret to Everybody", body,
				"sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")).isTrue();
	}

	@Test
	void refusesMissingWrongAndTamperedSignatures() {
		byte[] body = "{\"webhookEvent\":\"jira:issue_updated\"}".getBytes(StandardCharsets.UTF_8);
		String good = WebhookSignature.sign("secret", body);

		assertThat(WebhookSignature.valid("secret", body, null)).isFalse();
		assertThat(WebhookSignature.valid(null, body, good)).isFalse();
		assertThat(WebhookSignature.valid("other", body, good)).isFalse();
		assertThat(WebhookSignature.valid("secret", "{}".getBytes(StandardCharsets.UTF_8), good)).isFalse();
		assertThat(WebhookSignature.valid("secret", body, good.toUpperCase().replace("SHA256", "sha256"))).isTrue();
	}

}
