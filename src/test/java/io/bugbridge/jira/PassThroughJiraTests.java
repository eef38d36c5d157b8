package io.bugbridge.jira;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.bugbridge.cli.PassThroughJira;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The benchmark's yardstick must cost what the brief's design costs: exactly its Jira calls per
 * request, each one a request Jira accepts (the simulator checks them against Atlassian's OpenAPI).
 */
class PassThroughJiraTests {

	static JiraSimulator jira;

	static PassThroughJira client;

	@BeforeAll
	static void start() {
		jira = new JiraSimulator();
		client = new PassThroughJira(jira.url(), JiraSimulator.SERVICE_EMAIL, "test-api-token", JiraSimulator.PROJECT,
				JiraSimulator.CUSTOMER_FIELD, Duration.ofSeconds(5));
	}

	@AfterAll
	static void stop() {
		jira.close();
	}

	@Test
	void sendsTheBriefsCallsAndReadsTheirAnswers() throws Exception {
		String first = client.submit("cust-a", "Export fails", "The export times out.", "High");
		String second = client.submit("cust-a", "Login loops", "Back to the login page.", "Highest");
		client.submit("cust-b", "Other customer", "Not theirs.", "Medium");
		assertThat(jira.requests()).containsExactly("POST /rest/api/3/issue", "POST /rest/api/3/issue",
				"POST /rest/api/3/issue");

		jira.clearRequests();
		assertThat(client.myTickets("cust-a")).containsExactly(second, first);
		assertThat(jira.requests()).containsExactly("GET /rest/api/3/search/jql");

		jira.commentAsAgent(first, "Looking into it", false);
		jira.clearRequests();
		JsonNode details = client.ticketDetails(first);
		assertThat(details.path("fields").path("summary").asString()).isEqualTo("Export fails");
		assertThat(details.path("comments")).hasSize(1);
		assertThat(jira.requests()).containsExactly("GET /rest/api/3/issue/" + first,
				"GET /rest/api/3/issue/" + first + "/comment");

		jira.clearRequests();
		Map<String, Long> stats = client.stats();
		assertThat(stats).containsExactly(Map.entry("total_issues", 3L), Map.entry("open_bugs", 3L),
				Map.entry("open_features", 0L), Map.entry("open_support", 0L), Map.entry("high_priority", 1L),
				Map.entry("critical_priority", 1L));
		assertThat(jira.requests()).hasSize(6).allMatch("POST /rest/api/3/search/approximate-count"::equals);

		assertThat(jira.takeViolations()).isEmpty();
	}

	@Test
	void aJiraOutageIsTheUsersError() {
		jira.down = true;
		try {
			assertThatThrownBy(() -> client.myTickets("cust-a")).isInstanceOf(PassThroughJira.JiraCallFailed.class)
				.hasMessageContaining("503");
		}
		finally {
			jira.down = false;
		}
		assertThat(List.copyOf(jira.takeViolations())).isEmpty();
	}

}
