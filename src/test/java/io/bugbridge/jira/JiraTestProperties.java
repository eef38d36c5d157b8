package io.bugbridge.jira;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.test.context.DynamicPropertyRegistry;

/** The Jira settings tests run with: the simulator, and short timeouts and backoffs. */
final class JiraTestProperties {

	static final String WEBHOOK_SECRET = "test-webhook-secret-0123456789abcdef";

	private JiraTestProperties() {
	}

	static Map<String, String> of(JiraSimulator simulator) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("bugbridge.jira.url", simulator.url());
		properties.put("bugbridge.jira.email", JiraSimulator.SERVICE_EMAIL);
		properties.put("bugbridge.jira.api-token", "test-api-token");
		properties.put("bugbridge.jira.webhook-secret", WEBHOOK_SECRET);
		properties.put("bugbridge.jira.customer-field", JiraSimulator.CUSTOMER_FIELD);
		properties.put("bugbridge.jira.intake-budget", "1s");
		properties.put("bugbridge.jira.connect-timeout", "500ms");
		properties.put("bugbridge.jira.request-timeout", "3s");
		// Longer than the simulator's search lag in the tests that switch it on.
		properties.put("bugbridge.jira.search-lag", "5s");
		properties.put("bugbridge.jira.delivery.poll-interval", "50ms");
		properties.put("bugbridge.jira.delivery.initial-backoff", "50ms");
		properties.put("bugbridge.jira.delivery.max-backoff", "300ms");
		properties.put("bugbridge.jira.delivery.lease", "3s");
		properties.put("bugbridge.jira.delivery.threads", "4");
		properties.put("bugbridge.jira.delivery.max-failures", "4");
		properties.put("bugbridge.jira.reconcile.interval", "1h");
		properties.put("bugbridge.jira.reconcile.duplicate-check-interval", "1s");
		return properties;
	}

	static void register(DynamicPropertyRegistry registry, JiraSimulator simulator) {
		of(simulator).forEach((name, value) -> registry.add(name, () -> value));
	}

	static String[] arguments(JiraSimulator simulator) {
		return of(simulator).entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
	}

}
