package io.bugbridge.jira;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A Jira simulator and the arguments that point the service at it, for tests outside this package. */
public final class JiraDoctorFixture implements AutoCloseable {

	private final JiraSimulator jira = new JiraSimulator();

	public List<String> arguments(boolean withSecret) {
		Map<String, String> settings = JiraTestProperties.of(jira);
		if (!withSecret) {
			settings.remove("bugbridge.jira.webhook-secret");
		}
		List<String> args = new ArrayList<>();
		settings.forEach((name, value) -> args.add("--" + name + "=" + value));
		args.add("--spring.datasource.url=jdbc:h2:mem:doctor_" + UUID.randomUUID()
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
		args.add("--bugbridge.data-dir=target/test-data");
		return args;
	}

	public String webhookSecret() {
		return JiraTestProperties.WEBHOOK_SECRET;
	}

	@Override
	public void close() {
		jira.close();
	}

}
