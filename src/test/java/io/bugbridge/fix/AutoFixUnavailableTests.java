package io.bugbridge.fix;

import java.util.UUID;

import io.bugbridge.support.ApiClient;
import io.bugbridge.support.ApiClient.Response;
import io.bugbridge.support.ApiTest;
import io.bugbridge.support.OnH2;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Without Claude, a repository and GitHub, Auto-Fix answers 409 naming exactly what to set. */
@ApiTest
@OnH2
class AutoFixUnavailableTests {

	@LocalServerPort
	int port;

	@Test
	void autoFixNamesWhatIsMissingAndTheAnalysisDoesNotStart() {
		ApiClient api = new ApiClient(port);
		String customer = ApiClient.customerToken("al@acme.example", "cust-" + UUID.randomUUID());
		String admin = ApiClient.adminToken("admin@bugbridge.example");
		String key = api.post("/api/jira/bug-report", customer, "{\"summary\": \"Broken\", \"description\": \"It breaks\"}")
			.json()
			.get("key")
			.asString();

		Response withPr = api.post("/api/jira/admin/analyze-bug", admin,
				"{\"issue_key\": \"" + key + "\", \"auto_fix\": true, \"create_pr\": true}");
		Response withoutPr = api.post("/api/jira/admin/analyze-bug", admin,
				"{\"issue_key\": \"" + key + "\", \"auto_fix\": true, \"create_pr\": false}");

		assertThat(withPr.status()).isEqualTo(409);
		assertThat(withPr.contentType()).contains("application/problem+json");
		JsonNode missing = withPr.json().get("missing");
		assertThat(missing.toString()).contains("ANTHROPIC_API_KEY", "bugbridge.repositories[0]", "GITHUB_TOKEN",
				"GITHUB_REPO_OWNER", "GITHUB_REPO_NAME");
		assertThat(withPr.json().get("errors").get(0).get("field").asString()).isEqualTo("auto_fix");
		assertThat(withoutPr.status()).isEqualTo(409);
		assertThat(withoutPr.json().get("missing").toString()).contains("ANTHROPIC_API_KEY").doesNotContain("GITHUB_TOKEN");
		assertThat(api.get("/api/jira/admin/issues/" + key + "/analyses", admin).json()).isEmpty();
	}

}
