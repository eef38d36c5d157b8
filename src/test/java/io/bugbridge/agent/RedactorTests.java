package io.bugbridge.agent;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RedactorTests {

	final Redactor redactor = new Redactor(List.of("ACME-[0-9]{6}"), Set.of("our-own-jira-token-value"));

	@Test
	void ticketTextLosesKeysPasswordsCardsAndConfiguredPatterns() {
		String text = redactor.redact("""
				my password: Sup3rS3cret! and api_key=abcdef123456
				Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLXZhbHVl
				key %s %s
				AKIAABCDEFGHIJKLMNOP https://bob:hunter22@git.example.com/repo.git
				card 4111-1111-1111-1111, order 4111111111111112, customer ACME-123456, jira our-own-jira-token-value
				-----BEGIN RSA PRIVATE KEY-----
				MIIEowIBAAKCAQEA
				-----END RSA PRIVATE KEY-----
				""".formatted("sk-ant-" + "api03-AAAAAAAAAAAAAAAAAAAAAAAAAAAA", "ghp_" + "0123456789abcdefghij0123456789ab"));

		assertThat(text).doesNotContain("Sup3rS3cret", "abcdef123456", "eyJzdWIiOiJhbGljZSJ9", "sk-ant-api03", "ghp_0123",
				"AKIAABCDEFGHIJKLMNOP", "hunter22", "4111-1111-1111-1111", "ACME-123456", "our-own-jira-token-value",
				"MIIEowIBAAKCAQEA");
		// A number that fails the Luhn check is an order number, not a card.
		assertThat(text).contains("order 4111111111111112", "password: [REDACTED]", "https://[REDACTED url credentials]@git");
	}

	@Test
	void ordinaryWordsAfterSecretSoundingNamesStay() {
		assertThat(redactor.redact("The token limit was hit after the password reset page loaded"))
			.isEqualTo("The token limit was hit after the password reset page loaded");
	}

	@Test
	void codeKeepsItsShapeSoEditsStillMatchButRealSecretsGo() {
		String code = "String password = form.get(\"password\");\nString token = auth.token();\n"
				+ "String key = \"our-own-jira-token-value\";\nString gh = \"ghp_" + "0123456789abcdefghij0123456789ab\";\n";

		String sent = redactor.redactTokens(code);

		assertThat(sent).contains("String password = form.get(\"password\");", "String token = auth.token();")
			.doesNotContain("our-own-jira-token-value", "ghp_0123456789");
	}

}
