package io.bugbridge.jira;

import io.bugbridge.support.ApiTest;
import io.bugbridge.support.OnPostgres;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The Jira sync on the PostgreSQL. */
@ApiTest
@OnPostgres
@DirtiesContext
class PostgresJiraSyncTests extends JiraSyncContract {

	static final JiraSimulator JIRA = new JiraSimulator();

	@DynamicPropertySource
	static void jira(DynamicPropertyRegistry registry) {
		JiraTestProperties.register(registry, JIRA);
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
