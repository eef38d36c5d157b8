package io.bugbridge.jira;

import io.bugbridge.support.ApiTest;
import io.bugbridge.support.OnPostgres;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Exactly-once creates under load on the PostgreSQL. */
@ApiTest
@OnPostgres
@DirtiesContext
class PostgresJiraDeliveryUnderLoadTests extends JiraDeliveryUnderLoadContract {

	static final JiraSimulator JIRA = new JiraSimulator();

	@DynamicPropertySource
	static void jira(DynamicPropertyRegistry registry) {
		register(registry, JIRA);
	}

	@AfterAll
	static void stopJira() {
		JIRA.close();
	}

	@Override
	JiraSimulator jira() {
		return JIRA;
	}

}
