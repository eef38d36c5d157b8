package io.bugbridge.jira;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

import io.bugbridge.config.BugBridgeProperties;
import io.bugbridge.ticket.Priority;
import io.bugbridge.ticket.Status;
import io.bugbridge.ticket.TicketType;
import org.springframework.beans.factory.ObjectProvider;
import tools.jackson.databind.JsonNode;

/**
 * Checks the Jira set-up end to end, one clear line per check with a fix: credentials
 * ({@code /myself}), project, issue types, priorities, workflow statuses, the customer field, the
 * webhook secret and the outbox backlog. Behind {@code java -jar bugbridge.jar doctor} and
 * {@code GET /api/jira/admin/health}.
 */
public class JiraDoctor {

	private static final Duration BACKLOG_AGE_WARNING = Duration.ofMinutes(15);

	private final JiraProperties properties;

	private final String projectKey;

	private final ObjectProvider<JiraClient> client;

	private final ObjectProvider<OutboxRepository> outbox;

	private final ObjectProvider<JiraAvailability> availability;

	JiraDoctor(JiraProperties properties, BugBridgeProperties bugbridge, ObjectProvider<JiraClient> client,
			ObjectProvider<OutboxRepository> outbox, ObjectProvider<JiraAvailability> availability) {
		this.properties = properties;
		this.projectKey = bugbridge.projectKey();
		this.client = client;
		this.outbox = outbox;
		this.availability = availability;
	}

	/** Whether Jira is switched on ({@code JIRA_URL} set). */
	public boolean enabled() {
		return properties.configured();
	}

	public List<DoctorCheck> run() {
		List<DoctorCheck> checks = new ArrayList<>();
		if (!properties.configured()) {
			checks.add(DoctorCheck.fail("configuration", "JIRA_URL is not set, so tickets stay in BugBridge only",
					"set JIRA_URL, JIRA_EMAIL, JIRA_API_TOKEN and JIRA_PROJECT_KEY"));
			return checks;
		}
		if (blank(properties.email()) || blank(properties.apiToken())) {
			checks.add(DoctorCheck.fail("configuration", "JIRA_EMAIL or JIRA_API_TOKEN is not set",
					"set both; create a token at https://id.atlassian.com/manage-profile/security/api-tokens"));
			return checks;
		}
		JiraClient jira = client.getObject();
		JsonNode me = call(checks, "credentials", jira::myself,
				"check JIRA_EMAIL and JIRA_API_TOKEN (the token belongs to that account) and JIRA_URL");
		if (me == null) {
			return finish(checks);
		}
		checks.add(DoctorCheck.ok("credentials", "authenticated as " + me.path("displayName").asString("?") + " ("
				+ me.path("accountId").asString("?") + ", time zone " + me.path("timeZone").asString("?") + ")"));
		JsonNode project = call(checks, "project", () -> jira.project(projectKey),
				"check JIRA_PROJECT_KEY and that " + properties.email() + " can browse the project");
		if (project != null) {
			checks.add(DoctorCheck.ok("project", projectKey + " (" + project.path("name").asString("?") + ", "
					+ project.path("projectTypeKey").asString("?") + ")"));
			checkIssueTypes(checks, project);
			if ("service_desk".equals(project.path("projectTypeKey").asString()) && !properties.serviceDesk()) {
				checks.add(DoctorCheck.warn("service desk", "the project is a Jira Service Management project but"
						+ " internal comments use role visibility, which the JSM portal ignores",
						"set JIRA_SERVICE_DESK=true so internal comments are marked sd.public.comment internal"));
			}
		}
		checkPriorities(checks, jira);
		checkStatuses(checks, jira);
		checkCustomerField(checks, jira);
		return finish(checks);
	}

	private List<DoctorCheck> finish(List<DoctorCheck> checks) {
		if (properties.webhookSecret() == null) {
			checks.add(DoctorCheck.fail("webhook secret", "JIRA_WEBHOOK_SECRET is not set: every webhook is refused"
					+ " and Jira changes arrive only with reconciliation",
					"create an admin webhook with a secret (Jira settings > System > WebHooks) and set JIRA_WEBHOOK_SECRET"));
		}
		else if (properties.webhookSecret().length() < 16) {
			checks.add(DoctorCheck.warn("webhook secret", "JIRA_WEBHOOK_SECRET is shorter than 16 characters",
					"use a long random secret, e.g. openssl rand -hex 32, in Jira and here"));
		}
		else {
			checks.add(DoctorCheck.ok("webhook secret", "set"));
		}
		OutboxRepository repository = outbox.getIfAvailable();
		if (repository != null) {
			long backlog = repository.backlog();
			Duration age = repository.oldestAge();
			long dead = repository.deadLetters();
			JiraAvailability state = availability.getIfAvailable();
			String text = backlog + " waiting (oldest " + age.toSeconds() + " s), " + dead + " refused"
					+ (state == null ? "" : ", circuit " + state.describe());
			if (dead > 0) {
				checks.add(DoctorCheck.warn("outbox", text, "see jira_outbox.error for what Jira refused; fix the"
						+ " mapping, then clear failed_at to resend"));
			}
			else if (backlog > 0 && age.compareTo(BACKLOG_AGE_WARNING) > 0) {
				checks.add(DoctorCheck.warn("outbox", text, "Jira has not taken changes for a while: check the"
						+ " checks above and the log for 'Jira delivery'"));
			}
			else {
				checks.add(DoctorCheck.ok("outbox", text));
			}
		}
		return checks;
	}

	private void checkIssueTypes(List<DoctorCheck> checks, JsonNode project) {
		Set<String> available = names(project.path("issueTypes"));
		List<String> missing = new ArrayList<>();
		for (TicketType type : TicketType.values()) {
			String name = new JiraMapping(properties).issueType(type);
			if (!available.contains(name.toLowerCase(Locale.ROOT))) {
				missing.add(type.label() + " -> " + name);
			}
		}
		if (missing.isEmpty()) {
			checks.add(DoctorCheck.ok("issue types", "Bug, Feature, Support map to " + properties.issueTypes().bug() + ", "
					+ properties.issueTypes().feature() + ", " + properties.issueTypes().support()));
		}
		else {
			checks.add(DoctorCheck.fail("issue types", "the project lacks " + missing + " (it has " + available + ")",
					"set bugbridge.jira.issue-types.bug/feature/support to types the project has"));
		}
	}

	private void checkPriorities(List<DoctorCheck> checks, JiraClient jira) {
		JsonNode priorities = call(checks, "priorities", jira::priorities, "the API user needs to browse priorities");
		if (priorities == null) {
			return;
		}
		Set<String> available = names(priorities.path("values"));
		List<String> missing = new ArrayList<>();
		JiraMapping mapping = new JiraMapping(properties);
		for (Priority priority : Priority.values()) {
			if (!available.contains(mapping.priority(priority).toLowerCase(Locale.ROOT))) {
				missing.add(priority.label() + " -> " + mapping.priority(priority));
			}
		}
		checks.add(missing.isEmpty() ? DoctorCheck.ok("priorities", "all four map to Jira priorities")
				: DoctorCheck.fail("priorities", "Jira has no " + missing + " (it has " + available + ")",
						"set bugbridge.jira.priorities.low/medium/high/critical"));
	}

	private void checkStatuses(List<DoctorCheck> checks, JiraClient jira) {
		JsonNode statuses = call(checks, "transitions", () -> jira.projectStatuses(projectKey),
				"the API user needs to browse the project");
		if (statuses == null) {
			return;
		}
		Set<String> available = new LinkedHashSet<>();
		statuses.forEach(type -> type.path("statuses").forEach(s -> available.add(s.path("name").asString())));
		JiraMapping mapping = new JiraMapping(properties);
		List<String> unreachable = new ArrayList<>();
		for (Status status : Status.values()) {
			boolean found = available.stream().anyMatch(name -> mapping.jiraStatuses(status).contains(name.toLowerCase(Locale.ROOT)));
			if (!found) {
				unreachable.add(status.label());
			}
		}
		if (unreachable.isEmpty()) {
			checks.add(DoctorCheck.ok("transitions", "every status has a Jira status to move to (" + available + ")"));
		}
		else {
			checks.add(DoctorCheck.warn("transitions", "no Jira status in the workflow means " + unreachable
					+ "; moving a ticket there from BugBridge will be refused (workflow has " + available + ")",
					"map them with bugbridge.jira.statuses[<Jira status>]=<status>"));
		}
	}

	private void checkCustomerField(List<DoctorCheck> checks, JiraClient jira) {
		if (properties.customerField() == null) {
			checks.add(DoctorCheck.warn("customer field", "not set: the customer id is kept in the issue property"
					+ " 'bugbridge', which JQL cannot search",
					"create a text custom field, add it to the create screen and set JIRA_CUSTOMER_FIELD=customfield_NNNNN"));
			return;
		}
		JsonNode fields = call(checks, "customer field", jira::fields, "the API user needs to read fields");
		if (fields == null) {
			return;
		}
		for (JsonNode field : fields) {
			if (properties.customerField().equals(field.path("id").asString())) {
				checks.add(DoctorCheck.ok("customer field", properties.customerField() + " ("
						+ field.path("name").asString() + "): JQL cf[" + properties.customerField().replace("customfield_", "")
						+ "] ~ \"<customer id>\" finds a customer's tickets"));
				return;
			}
		}
		checks.add(DoctorCheck.fail("customer field", "Jira has no field " + properties.customerField(),
				"copy the id from Jira settings > Issues > Custom fields (customfield_NNNNN)"));
	}

	private static JsonNode call(List<DoctorCheck> checks, String name, Supplier<JsonNode> call, String hint) {
		try {
			return call.get();
		}
		catch (JiraUnavailableException | JiraRejectedException ex) {
			checks.add(DoctorCheck.fail(name, ex.getMessage(), hint));
			return null;
		}
	}

	private static Set<String> names(JsonNode array) {
		Set<String> names = new LinkedHashSet<>();
		array.forEach(node -> names.add(node.path("name").asString().toLowerCase(Locale.ROOT)));
		return names;
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

}
