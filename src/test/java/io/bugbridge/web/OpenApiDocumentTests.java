package io.bugbridge.web;

import io.bugbridge.support.ApiClient;
import io.bugbridge.support.ApiTest;
import io.bugbridge.support.OnH2;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

@ApiTest
@OnH2
class OpenApiDocumentTests {

	@LocalServerPort
	int port;

	@Test
	void describesTheCustomerApiWithItsJsonNames() {
		ApiClient.Response response = new ApiClient(port).get("/v3/api-docs", null);

		assertThat(response.status()).isEqualTo(200);
		JsonNode doc = response.json();
		assertThat(doc.get("paths").propertyNames()).contains("/api/jira/bug-report", "/api/jira/feature-request",
				"/api/jira/support-ticket", "/api/jira/my-tickets", "/api/jira/ticket/{key}",
				"/api/jira/ticket/{key}/comment");
		JsonNode bugReport = doc.at("/components/schemas/BugReportRequest/properties");
		assertThat(bugReport.propertyNames()).contains("summary", "reporter_email", "customer_id",
				"steps_to_reproduce", "expected_behavior", "actual_behavior");
		assertThat(doc.at("/components/schemas/BugReportRequest/properties/priority/enum").toString())
			.contains("Low", "Medium", "High", "Critical");
		assertThat(doc.at("/components/securitySchemes/bearer-jwt/scheme").asString()).isEqualTo("bearer");
	}

	@Test
	void servesSwaggerUi() {
		assertThat(new ApiClient(port).get("/swagger-ui/index.html", null).status()).isEqualTo(200);
	}

}
