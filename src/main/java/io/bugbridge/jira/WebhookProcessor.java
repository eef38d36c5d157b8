package io.bugbridge.jira;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import io.bugbridge.ticket.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Applies one verified webhook delivery. The payload is only a hint of what changed: the issue
 * or comment is re-read from Jira and applied, which makes stale and out-of-order deliveries
 * harmless. Redeliveries (same {@code X-Atlassian-Webhook-Identifier}) and events made by
 * BugBridge's own Jira account are skipped.
 */
class WebhookProcessor {

	private static final Logger log = LoggerFactory.getLogger(WebhookProcessor.class);

	enum Outcome {
		APPLIED, DUPLICATE, OWN_CHANGE, IGNORED
	}

	private final OutboxRepository outbox;

	private final IssueApplier applier;

	private final JiraIdentity identity;

	private final JiraMetrics metrics;

	private final List<String> relevantFields;

	WebhookProcessor(OutboxRepository outbox, IssueApplier applier, JiraIdentity identity, JiraMetrics metrics,
			JiraProperties properties) {
		this.outbox = outbox;
		this.applier = applier;
		this.identity = identity;
		this.metrics = metrics;
		this.relevantFields = IssueApplier.relevantFields(properties);
	}

	Outcome process(JsonNode event, String deliveryId) {
		if (deliveryId != null && outbox.seenDelivery(deliveryId)) {
			return Outcome.DUPLICATE;
		}
		String type = event.path("webhookEvent").asString("");
		JsonNode issue = event.path("issue");
		String issueId = issue.path("id").asString(null);
		JsonNode comment = event.path("comment");
		Outcome outcome = switch (type) {
			case "jira:issue_created", "jira:issue_updated", "jira:issue_deleted" -> issueEvent(type, event, issueId);
			case "comment_created", "comment_updated", "comment_deleted" -> commentEvent(type, event, issueId, comment);
			default -> Outcome.IGNORED;
		};
		if (deliveryId != null) {
			outbox.firstDelivery(deliveryId);
		}
		long timestamp = event.path("timestamp").asLong(0);
		if (timestamp > 0 && outcome == Outcome.APPLIED) {
			metrics.webhookLag(Duration.between(Instant.ofEpochMilli(timestamp), outbox.now()));
		}
		log.debug("Jira webhook {} ({}): {}", type, deliveryId, outcome);
		return outcome;
	}

	private Outcome issueEvent(String type, JsonNode event, String issueId) {
		if (issueId == null) {
			return Outcome.IGNORED;
		}
		JsonNode user = event.path("user");
		if (type.equals("jira:issue_created")
				&& applier.duplicateOfLinkedTicket(issueId, event.path("issue").path("fields"))) {
			// Usually made by our own account (a create applied late), so before the own-change filter.
			return Outcome.APPLIED;
		}
		if (identity.isSelf(user.path("accountId").asString(null))) {
			return Outcome.OWN_CHANGE;
		}
		if (type.equals("jira:issue_updated") && (event.path("issue_event_type_name").asString("").startsWith("issue_comment")
				|| event.has("comment"))) {
			// Comment data is leaving jira:issue_* payloads; comments come from the comment_* events.
			return Outcome.IGNORED;
		}
		if (type.equals("jira:issue_updated") && !touchesSyncedFields(event.path("changelog"))) {
			// A comment, a sprint, a label: nothing BugBridge keeps, so no need to re-read the issue.
			return Outcome.IGNORED;
		}
		applier.refresh(issueId, IssueApplier.actor(user));
		return Outcome.APPLIED;
	}

	private boolean touchesSyncedFields(JsonNode changelog) {
		JsonNode items = changelog.path("items");
		if (changelog.isMissingNode() || items.isEmpty()) {
			// No changelog to judge by: re-read to be safe.
			return true;
		}
		for (JsonNode item : items) {
			String fieldId = item.path("fieldId").asString("").toLowerCase(Locale.ROOT);
			String field = item.path("field").asString("").toLowerCase(Locale.ROOT);
			if (relevantFields.contains(fieldId) || relevantFields.contains(field)) {
				return true;
			}
		}
		return false;
	}

	private Outcome commentEvent(String type, JsonNode event, String issueId, JsonNode comment) {
		String commentId = comment.path("id").asString(null);
		if (issueId == null || commentId == null) {
			return Outcome.IGNORED;
		}
		JsonNode author = type.equals("comment_created") ? comment.path("author") : comment.path("updateAuthor");
		if (author.isMissingNode()) {
			author = comment.path("author");
		}
		if (!type.equals("comment_deleted") && identity.isSelf(author.path("accountId").asString(null))) {
			return Outcome.OWN_CHANGE;
		}
		Actor actor = IssueApplier.actor(author);
		applier.refreshComment(issueId, commentId, actor);
		return Outcome.APPLIED;
	}

}
