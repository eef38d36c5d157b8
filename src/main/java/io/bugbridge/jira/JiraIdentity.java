package io.bugbridge.jira;

import java.time.ZoneId;

import tools.jackson.databind.JsonNode;

/**
 * The Jira account BugBridge calls as, from {@code /myself}, asked once and remembered: its
 * account id tells our own changes apart in webhooks (no echo loops), and its time zone is the
 * one Jira reads JQL dates in.
 */
class JiraIdentity {

	private final JiraClient client;

	private volatile JsonNode myself;

	JiraIdentity(JiraClient client) {
		this.client = client;
	}

	String accountId() {
		return load().path("accountId").asString();
	}

	ZoneId timeZone() {
		String zone = load().path("timeZone").asString("UTC");
		try {
			return ZoneId.of(zone);
		}
		catch (RuntimeException unknown) {
			return ZoneId.of("UTC");
		}
	}

	boolean isSelf(String accountId) {
		return accountId != null && accountId.equals(accountId());
	}

	private JsonNode load() {
		JsonNode known = myself;
		if (known == null) {
			known = client.myself();
			myself = known;
		}
		return known;
	}

}
