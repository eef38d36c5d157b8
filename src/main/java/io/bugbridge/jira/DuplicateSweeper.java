package io.bugbridge.jira;

import java.util.List;
import java.util.Optional;

import io.bugbridge.jira.OutboxRepository.DueCheck;
import io.bugbridge.jira.OutboxRepository.Link;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Makes "each ticket in Jira once" hold eventually when a create was applied by Jira after the
 * service had concluded it made nothing (no settle window rules that out). Runs the checks booked
 * in {@code jira_link.duplicate_check_at}: searches the ticket's label and, for every issue but
 * the linked one, deletes it when only the service's account ever touched it; otherwise (people
 * commented or changed it, or Jira refuses the delete) it stays, linked to the kept issue as a
 * Duplicate, labelled {@value #DUPLICATE_LABEL}, and the ticket's sync state says so.
 */
class DuplicateSweeper {

	private static final Logger log = LoggerFactory.getLogger(DuplicateSweeper.class);

	static final String DUPLICATE_LABEL = "bb-duplicate";

	private static final int BATCH = 50;

	private final JiraClient jira;

	private final OutboxRepository outbox;

	private final IssueBodies bodies;

	private final JiraIdentity identity;

	private final JiraMetrics metrics;

	private final JiraProperties properties;

	private final String projectKey;

	DuplicateSweeper(JiraClient jira, OutboxRepository outbox, IssueBodies bodies, JiraIdentity identity,
			JiraMetrics metrics, JiraProperties properties, String projectKey) {
		this.jira = jira;
		this.outbox = outbox;
		this.bodies = bodies;
		this.identity = identity;
		this.metrics = metrics;
		this.properties = properties;
		this.projectKey = projectKey;
	}

	/** Runs the checks that are due; how many ran to the end. */
	int run() {
		int done = 0;
		for (DueCheck check : outbox.dueDuplicateChecks(BATCH)) {
			try {
				if (check(check.ticketId())) {
					outbox.duplicateChecked(check);
					done++;
				}
			}
			catch (JiraUnavailableException ex) {
				// Booked still: the next run tries again. Jira being down affects every check alike.
				log.info("Duplicate check of ticket id {} put off: {}", check.ticketId(), ex.getMessage());
				return done;
			}
			catch (RuntimeException ex) {
				outbox.scheduleDuplicateCheck(check.ticketId(), outbox.now().plus(properties.searchLag()));
				log.warn("Duplicate check of ticket id {} failed; booked again: {}", check.ticketId(), ex.toString());
			}
		}
		return done;
	}

	/** False when it cannot be decided yet (the ticket has no issue linked yet). */
	private boolean check(long ticketId) {
		Optional<Link> found = outbox.link(ticketId);
		if (found.isEmpty() || found.get().issueDeleted()) {
			return true;
		}
		Link link = found.get();
		if (link.issueId() == null) {
			// Its delivery links the first issue it finds; check once that has happened.
			outbox.scheduleDuplicateCheck(ticketId, outbox.now().plus(properties.searchLag()));
			return false;
		}
		String jql = "project = \"" + projectKey + "\" AND labels = \"" + bodies.label(ticketId) + "\" ORDER BY created ASC";
		JsonNode issues = jira.search(jql, "labels", null, 50).path("issues");
		for (JsonNode issue : issues) {
			String id = issue.path("id").asString();
			boolean handled = false;
			for (JsonNode label : issue.path("fields").path("labels")) {
				handled |= DUPLICATE_LABEL.equals(label.asString());
			}
			// Never one another ticket is linked to (someone copied the label by hand).
			if (!id.equals(link.issueId()) && !handled && outbox.linkByIssueId(id).isEmpty()) {
				resolve(ticketId, link, id, issue.path("key").asString());
			}
		}
		return true;
	}

	private void resolve(long ticketId, Link link, String issueId, String issueKey) {
		String touchedBy = touchedByPeople(issueId);
		if (touchedBy == null) {
			try {
				jira.deleteIssue(issueId);
				metrics.duplicateRemoved();
				log.warn("Ticket id {}: deleted {}, a second Jira issue the service created (a create Jira applied late);"
						+ " {} stays linked", ticketId, issueKey, link.issueKey());
				return;
			}
			catch (JiraRejectedException ex) {
				if (ex.notFound()) {
					log.info("Ticket id {}: duplicate issue {} is gone already", ticketId, issueKey);
					return;
				}
				touchedBy = "Jira refused to delete it (" + ex.getMessage() + ")";
			}
		}
		String marked = "linked as a Duplicate";
		try {
			jira.linkIssues("Duplicate", link.issueKey(), issueKey);
		}
		catch (JiraRejectedException ex) {
			// A site without the Duplicate link type, or without "Link issues": the label and note still tell.
			marked = "not linked (" + ex.getMessage() + ")";
		}
		ObjectNode edit = JiraClient.JSON.createObjectNode();
		edit.putObject("update").putArray("labels").addObject().put("add", DUPLICATE_LABEL);
		jira.editIssue(issueId, edit);
		metrics.duplicateKept();
		String note = "Jira issue " + issueKey + " duplicates " + link.issueKey() + " but was not deleted: " + touchedBy
				+ ". It is " + marked + " and labelled " + DUPLICATE_LABEL + "; close or delete it in Jira.";
		outbox.duplicateNote(ticketId, note);
		log.warn("Ticket id {}: {}", ticketId, note);
	}

	/** Null when only the service's account created, changed and commented on the issue; else who else did. */
	private String touchedByPeople(String issueId) {
		Optional<JsonNode> issue = jira.issue(issueId, "creator,reporter");
		if (issue.isEmpty()) {
			return null;
		}
		JsonNode fields = issue.get().path("fields");
		for (String role : List.of("creator", "reporter")) {
			if (!identity.isSelf(fields.path(role).path("accountId").asString(null))) {
				return "its " + role + " is " + fields.path(role).path("displayName").asString("someone else");
			}
		}
		for (JsonNode comment : jira.comments(issueId)) {
			if (!identity.isSelf(comment.path("author").path("accountId").asString(null))) {
				return "it has a comment by " + comment.path("author").path("displayName").asString("someone else");
			}
		}
		for (JsonNode change : jira.changelog(issueId)) {
			if (!identity.isSelf(change.path("author").path("accountId").asString(null))) {
				return "it was changed by " + change.path("author").path("displayName").asString("someone else");
			}
		}
		return null;
	}

}
