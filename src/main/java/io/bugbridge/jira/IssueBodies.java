package io.bugbridge.jira;

import io.bugbridge.ticket.Ticket;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What BugBridge writes into a Jira issue: the create request and the description. The description
 * carries every structured section of the report, so nobody needs the portal to understand it.
 */
class IssueBodies {

	static final String PROPERTY_KEY = "bugbridge";

	static final String COMMENT_PROPERTY_KEY = "bugbridge.comment";

	static final String SOURCE_JIRA = "jira";

	private final JiraProperties properties;

	private final JiraMapping mapping;

	private final String projectKey;

	IssueBodies(JiraProperties properties, JiraMapping mapping, String projectKey) {
		this.properties = properties;
		this.mapping = mapping;
		this.projectKey = projectKey;
	}

	String label(long ticketId) {
		return properties.labelPrefix() + ticketId;
	}

	/** The ticket id in a label such as {@code bb-42}, or null. */
	Long ticketIdOf(String label) {
		if (label == null || !label.startsWith(properties.labelPrefix())) {
			return null;
		}
		try {
			return Long.parseLong(label.substring(properties.labelPrefix().length()));
		}
		catch (NumberFormatException notOurs) {
			return null;
		}
	}

	ObjectNode create(Ticket ticket) {
		ObjectNode body = JiraClient.JSON.createObjectNode();
		ObjectNode fields = body.putObject("fields");
		fields.putObject("project").put("key", projectKey);
		fields.putObject("issuetype").put("name", mapping.issueType(ticket.type()));
		fields.put("summary", ticket.summary());
		fields.set("description", description(ticket));
		fields.putObject("priority").put("name", mapping.priority(ticket.priority()));
		ArrayNode labels = fields.putArray("labels");
		labels.add("customer-reported");
		labels.add(ticket.type().label().toLowerCase(java.util.Locale.ROOT));
		// The ticket id travels in a label because JQL can search labels; it makes creates idempotent.
		labels.add(label(ticket.id()));
		if (properties.customerField() != null && ticket.customerId() != null) {
			fields.put(properties.customerField(), ticket.customerId());
		}
		ObjectNode property = body.putArray("properties").addObject();
		property.put("key", PROPERTY_KEY);
		ObjectNode value = property.putObject("value");
		value.put("ticketId", ticket.id());
		value.put("key", ticket.key());
		value.put("reporterEmail", ticket.reporterEmail());
		if (ticket.customerId() != null) {
			value.put("customerId", ticket.customerId());
		}
		return body;
	}

	/** The description of a ticket: its own for tickets made in Jira, the full report otherwise. */
	ObjectNode description(Ticket ticket) {
		if (SOURCE_JIRA.equals(ticket.source())) {
			return Adf.text(ticket.description() == null ? "" : ticket.description());
		}
		Adf adf = Adf.document()
			.paragraphs(ticket.description())
			.section("Steps to reproduce", ticket.stepsToReproduce())
			.section("Expected behavior", ticket.expectedBehavior())
			.section("Actual behavior", ticket.actualBehavior())
			.section("Environment", ticket.environment())
			.section("Business value", ticket.businessValue())
			.section("Use case", ticket.useCase())
			.heading("Reported through BugBridge")
			.field("Type", ticket.type().label())
			.field("Category", ticket.category() == null ? null : ticket.category().label())
			.field("Reporter", ticket.reporterName() == null ? ticket.reporterEmail()
					: ticket.reporterName() + " <" + ticket.reporterEmail() + ">")
			.field("Customer", ticket.customerId())
			.field("BugBridge ticket", ticket.key());
		return adf.build();
	}

}
