package io.bugbridge.jira;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.bugbridge.jira.OutboxRepository.Link;
import io.bugbridge.ticket.Actor;
import io.bugbridge.ticket.Comment;
import io.bugbridge.ticket.NewComment;
import io.bugbridge.ticket.NewTicket;
import io.bugbridge.ticket.Origin;
import io.bugbridge.ticket.Priority;
import io.bugbridge.ticket.Status;
import io.bugbridge.ticket.Ticket;
import io.bugbridge.ticket.TicketService;
import io.bugbridge.ticket.TicketType;
import io.bugbridge.ticket.TicketUpdate;
import io.bugbridge.ticket.TrackedTicket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Brings Jira's state into the local copy, from a freshly fetched issue (never from a webhook
 * payload, which may be stale or out of order). Idempotent: applying the same issue twice
 * changes nothing the second time. Field ownership decides what is taken:
 * <ul>
 * <li>status, priority, assignee: Jira's value always wins (Jira owns them);</li>
 * <li>summary, description, customer: taken only for tickets first filed in Jira; for tickets
 * filed through the portal the reporter side owns them and BugBridge pushes them to Jira.</li>
 * </ul>
 * Everything is applied with {@link Origin#TRACKER}, which the outbox never sends back.
 */
class IssueApplier {

	private static final Logger log = LoggerFactory.getLogger(IssueApplier.class);

	static final DateTimeFormatter JIRA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

	private final JiraClient jira;

	private final OutboxRepository outbox;

	private final TicketService tickets;

	private final JiraMapping mapping;

	private final IssueBodies bodies;

	private final JiraProperties properties;

	private final JiraIdentity identity;

	private final TransactionTemplate transactions;

	private final String projectKey;

	IssueApplier(JiraClient jira, OutboxRepository outbox, TicketService tickets, JiraMapping mapping,
			IssueBodies bodies, JiraProperties properties, JiraIdentity identity, TransactionTemplate transactions,
			String projectKey) {
		this.jira = jira;
		this.outbox = outbox;
		this.tickets = tickets;
		this.mapping = mapping;
		this.bodies = bodies;
		this.properties = properties;
		this.identity = identity;
		this.transactions = transactions;
		this.projectKey = projectKey;
	}

	/** The fields BugBridge reads from an issue. */
	String fields(boolean withComments) {
		String fields = "summary,description,status,priority,assignee,reporter,issuetype,labels,project,created,updated";
		if (properties.customerField() != null) {
			fields += "," + properties.customerField();
		}
		return withComments ? fields + ",comment" : fields;
	}

	/** Fetches the issue and applies it; a deleted issue deletes its ticket. */
	void refresh(String issueId, Actor actor) {
		Optional<JsonNode> issue = jira.issue(issueId, fields(false), IssueBodies.PROPERTY_KEY);
		if (issue.isEmpty()) {
			deleted(issueId, actor);
			return;
		}
		apply(issue.get(), actor, false);
	}

	/**
	 * Applies an issue as fetched. With {@code withComments} (reconciliation, where the search
	 * returns the comment field) comments are brought in line too.
	 */
	void apply(JsonNode issue, Actor actor, boolean withComments) {
		JsonNode fields = issue.path("fields");
		String projectOfIssue = fields.path("project").path("key").asString(null);
		String key = issue.path("key").asString();
		boolean ourProject = projectOfIssue != null ? projectOfIssue.equals(projectKey) : key.startsWith(projectKey + "-");
		// A linked issue is followed wherever it moves; only new issues must be in our project.
		if (!ourProject && outbox.linkByIssueId(issue.path("id").asString()).isEmpty()) {
			return;
		}
		Actor by = actor != null ? actor : Deliverer.JIRA_SYNC;
		try {
			Long ticketId = transactions.execute(tx -> applyInTransaction(issue, by));
			if (withComments && ticketId != null) {
				syncComments(ticketId, fields.path("comment"), time(fields.path("updated").asString(null)));
			}
		}
		catch (DataIntegrityViolationException raced) {
			// Another node or a webhook linked the same new issue at the same moment; theirs stands.
			log.debug("Issue {} was linked concurrently: {}", key, raced.getMessage());
		}
	}

	private Long applyInTransaction(JsonNode issue, Actor actor) {
		String issueId = issue.path("id").asString();
		String key = issue.path("key").asString();
		JsonNode fields = issue.path("fields");
		Instant updated = time(fields.path("updated").asString(null));
		Optional<Link> link = outbox.linkByIssueId(issueId);
		if (link.isEmpty()) {
			Optional<Long> ours = ownTicketByLabel(fields);
			if (ours.isPresent()) {
				// Our own create whose answer never came back: link it rather than import a copy.
				Ticket ticket = tickets.findById(ours.get()).orElseThrow();
				outbox.ensureLink(ticket.id(), outbox.now());
				outbox.linked(ticket.id(), issueId, key);
				link = outbox.link(ticket.id());
			}
			else if (duplicateOfLinkedTicket(issueId, fields)) {
				// A second issue of one of our tickets (a create Jira applied late), not a new ticket.
				return null;
			}
			else {
				Ticket created = tickets.createFromTracker(tracked(issue), actor);
				outbox.linked(created.id(), issueId, key);
				outbox.applied(created.id(), key, updated);
				return created.id();
			}
		}
		Link current = link.get();
		if (current.issueDeleted()) {
			return null;
		}
		Ticket ticket = tickets.findById(current.ticketId()).orElse(null);
		if (ticket == null) {
			return null;
		}
		if (!ticket.key().equals(key)) {
			ticket = tickets.rekey(ticket.key(), key, actor, Origin.TRACKER);
		}
		boolean jiraFiled = IssueBodies.SOURCE_JIRA.equals(ticket.source());
		JsonNode status = fields.path("status");
		JsonNode assignee = fields.path("assignee");
		TicketUpdate update = new TicketUpdate(
				mapping.status(status.path("name").asString(null), status.path("statusCategory").path("key").asString(null)),
				mapping.ticketPriority(fields.path("priority").path("name").asString(null)),
				Optional.ofNullable(person(assignee)),
				jiraFiled ? fields.path("summary").asString(ticket.summary()) : null,
				jiraFiled ? Objects.requireNonNullElse(Adf.toText(fields.path("description")), "") : null);
		tickets.update(ticket.key(), normalise(update, ticket), actor, Origin.TRACKER);
		if (jiraFiled) {
			tickets.setCustomer(ticket.key(), customerId(issue), actor, Origin.TRACKER);
		}
		outbox.applied(ticket.id(), key, updated);
		return ticket.id();
	}

	/** A ticket stores an empty description as null; do not count that as a change. */
	private static TicketUpdate normalise(TicketUpdate update, Ticket ticket) {
		String description = update.description();
		if (description != null && description.isEmpty() && ticket.description() == null) {
			description = null;
		}
		return new TicketUpdate(update.status(), update.priority(), update.assigneeEmail(), update.summary(),
				description);
	}

	/**
	 * Whether the issue carries the label of a ticket that is linked to another issue: then it is a
	 * duplicate, and a check (after the search lag, so the search shows it) deletes or marks it.
	 * One already marked {@value DuplicateSweeper#DUPLICATE_LABEL} needs no new check.
	 */
	boolean duplicateOfLinkedTicket(String issueId, JsonNode fields) {
		boolean marked = false;
		Long ticketId = null;
		for (JsonNode label : fields.path("labels")) {
			marked |= DuplicateSweeper.DUPLICATE_LABEL.equals(label.asString());
			Long id = bodies.ticketIdOf(label.asString());
			if (id != null && outbox.link(id).map(Link::issueId).filter(linked -> !linked.equals(issueId)).isPresent()) {
				ticketId = id;
			}
		}
		if (ticketId != null && !marked) {
			log.info("Jira issue {} carries the label of ticket id {}, which is linked to another issue: checking it",
					issueId, ticketId);
			outbox.scheduleDuplicateCheck(ticketId, outbox.now().plus(properties.searchLag()));
		}
		return ticketId != null;
	}

	private Optional<Long> ownTicketByLabel(JsonNode fields) {
		for (JsonNode label : fields.path("labels")) {
			Long id = bodies.ticketIdOf(label.asString());
			if (id != null && tickets.findById(id).isPresent()
					&& outbox.link(id).map(l -> l.issueId() == null).orElse(true)) {
				return Optional.of(id);
			}
		}
		return Optional.empty();
	}

	private TrackedTicket tracked(JsonNode issue) {
		JsonNode fields = issue.path("fields");
		TicketType type = mapping.ticketType(fields.path("issuetype").path("name").asString(null));
		Priority priority = mapping.ticketPriority(fields.path("priority").path("name").asString(null));
		JsonNode reporter = fields.path("reporter");
		String reporterEmail = reporter.path("emailAddress").asString(null);
		if (reporterEmail == null || reporterEmail.isBlank()) {
			// Jira hides e-mail addresses by default; the account id still names the person.
			reporterEmail = "jira:" + reporter.path("accountId").asString("unknown");
		}
		String summary = fields.path("summary").asString("(no summary)");
		if (summary.length() > 255) {
			summary = summary.substring(0, 255);
		}
		NewTicket ticket = new NewTicket(type, summary, Adf.toText(fields.path("description")), priority, reporterEmail,
				reporter.path("displayName").asString(null), customerId(issue), null, null, null, null, null, null,
				null);
		JsonNode status = fields.path("status");
		return new TrackedTicket(ticket, issue.path("key").asString(), IssueBodies.SOURCE_JIRA,
				mapping.status(status.path("name").asString(null), status.path("statusCategory").path("key").asString(null)),
				person(fields.path("assignee")));
	}

	/** The customer of an issue: the configured custom field, else our issue property. */
	private String customerId(JsonNode issue) {
		if (properties.customerField() != null) {
			JsonNode field = issue.path("fields").path(properties.customerField());
			String value = field.isObject() ? field.path("value").asString(null) : field.asString(null);
			if (value != null && !value.isBlank()) {
				return value.trim();
			}
		}
		String fromProperty = issue.path("properties").path(IssueBodies.PROPERTY_KEY).path("customerId").asString(null);
		return fromProperty == null || fromProperty.isBlank() ? null : fromProperty;
	}

	/** A person as BugBridge stores them: the e-mail when Jira shows it, else the display name. */
	static String person(JsonNode user) {
		if (user == null || user.isMissingNode() || user.isNull()) {
			return null;
		}
		String email = user.path("emailAddress").asString(null);
		return email != null && !email.isBlank() ? email : user.path("displayName").asString(null);
	}

	static Actor actor(JsonNode user) {
		if (user == null || user.isMissingNode() || user.isNull()) {
			return null;
		}
		return new Actor(user.path("accountId").asString(null), blankToNull(user.path("emailAddress").asString(null)),
				user.path("displayName").asString(null), Actor.Kind.STAFF);
	}

	void deleted(String issueId, Actor actor) {
		outbox.linkByIssueId(issueId).ifPresent(link -> transactions.executeWithoutResult(tx -> {
			tickets.findById(link.ticketId())
				.ifPresent(t -> tickets.markDeleted(t.key(), actor != null ? actor : Deliverer.JIRA_SYNC,
						Origin.TRACKER));
			outbox.issueDeleted(link.ticketId());
		}));
	}

	// --- Comments ---

	/**
	 * Re-reads one comment and applies it; a comment Jira no longer has is deleted here too, but
	 * only from the ticket of the issue the event named: a comment id is no proof of which issue
	 * it belongs to.
	 */
	void refreshComment(String issueId, String jiraCommentId, Actor actor) {
		Optional<JsonNode> comment = jira.comment(issueId, jiraCommentId);
		Optional<Link> link = outbox.linkByIssueId(issueId);
		if (comment.isEmpty()) {
			Optional<Long> local = link.flatMap(l -> outbox.commentByJiraId(l.ticketId(), jiraCommentId));
			if (local.isPresent()) {
				tickets.deleteComment(local.get(), actor != null ? actor : Deliverer.JIRA_SYNC, Origin.TRACKER);
			}
			else if (outbox.commentByJiraId(jiraCommentId).isPresent()) {
				log.warn("Ignored the deletion of Jira comment {} named with issue {}: it belongs to another issue",
						jiraCommentId, issueId);
			}
			return;
		}
		if (link.isEmpty()) {
			// The issue never reached us (a dropped webhook): bring it in first.
			refresh(issueId, null);
			link = outbox.linkByIssueId(issueId);
		}
		link.filter(l -> !l.issueDeleted()).ifPresent(l -> applyComment(l.ticketId(), comment.get()));
	}

	private void applyComment(long ticketId, JsonNode comment) {
		String jiraId = comment.path("id").asString();
		JsonNode author = comment.path("author");
		String text = Objects.requireNonNullElse(Adf.toText(comment.path("body")), "");
		boolean internal = isInternal(comment);
		Optional<Long> local = outbox.commentByJiraId(ticketId, jiraId);
		Actor by = Objects.requireNonNullElse(actor(comment.path("updateAuthor").isMissingNode() ? author
				: comment.path("updateAuthor")), Deliverer.JIRA_SYNC);
		if (local.isPresent()) {
			tickets.updateComment(local.get(), text.isEmpty() ? "(empty)" : text, internal, by, Origin.TRACKER);
			return;
		}
		if (outbox.commentByJiraId(jiraId).isPresent()) {
			log.warn("Jira comment {} is linked to another ticket than {}; left alone", jiraId, ticketId);
			return;
		}
		Long ours = ourCommentId(comment);
		if (ours != null) {
			// Ours, echoed before its delivery recorded the link: link it to the comment it came from.
			tickets.findComment(ours)
				.filter(c -> c.ticketId() == ticketId)
				.ifPresent(c -> outbox.linkCommentIfAbsent(ours, ticketId, jiraId));
			return;
		}
		if (identity.isSelf(author.path("accountId").asString(null))) {
			// Our own comment: the outbox records its link.
			return;
		}
		Ticket ticket = tickets.findById(ticketId).orElse(null);
		if (ticket == null) {
			return;
		}
		try {
			transactions.executeWithoutResult(tx -> {
				Comment added = tickets.addComment(ticket.key(), new NewComment(text.isEmpty() ? "(empty)" : text,
						internal), Objects.requireNonNullElse(actor(author), Deliverer.JIRA_SYNC), Origin.TRACKER);
				outbox.linkComment(added.id(), ticketId, jiraId);
			});
		}
		catch (DataIntegrityViolationException raced) {
			log.debug("Jira comment {} was linked concurrently", jiraId);
		}
	}

	/** The local comment id a comment BugBridge posted carries in its {@code bugbridge.comment} property. */
	static Long ourCommentId(JsonNode comment) {
		for (JsonNode property : comment.path("properties")) {
			if (IssueBodies.COMMENT_PROPERTY_KEY.equals(property.path("key").asString())) {
				long id = property.path("value").path("commentId").asLong(-1);
				return id > 0 ? id : null;
			}
		}
		return null;
	}

	/** Internal in Jira: restricted to a role or group, or hidden from the JSM portal. */
	static boolean isInternal(JsonNode comment) {
		if (comment.hasNonNull("visibility") && comment.path("visibility").size() > 0) {
			return true;
		}
		if (comment.has("jsdPublic") && !comment.path("jsdPublic").asBoolean(true)) {
			return true;
		}
		for (JsonNode property : comment.path("properties")) {
			if ("sd.public.comment".equals(property.path("key").asString())
					&& property.path("value").path("internal").asBoolean(false)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Brings the ticket's comments in line with the issue's comment field (reconciliation): adds
	 * what is missing, updates what changed, deletes what Jira no longer has (only when the field
	 * lists every comment).
	 */
	void syncComments(long ticketId, JsonNode commentField, Instant issueUpdated) {
		if (commentField.isMissingNode() || commentField.isNull()) {
			return;
		}
		JsonNode comments = commentField.path("comments");
		boolean complete = commentField.path("total").asInt(comments.size()) <= comments.size();
		Set<String> seen = new HashSet<>();
		for (JsonNode comment : comments) {
			seen.add(comment.path("id").asString());
			applyComment(ticketId, comment);
		}
		if (complete) {
			Map<String, Long> links = outbox.commentLinks(ticketId);
			links.forEach((jiraId, local) -> {
				// A comment posted after the issue was read is not missing, just newer than the read.
				boolean older = issueUpdated != null && tickets.findComment(local)
					.map(c -> c.created().isBefore(issueUpdated))
					.orElse(false);
				if (!seen.contains(jiraId) && older) {
					tickets.deleteComment(local, Deliverer.JIRA_SYNC, Origin.TRACKER);
				}
			});
		}
	}

	static Instant time(String jiraTime) {
		if (jiraTime == null || jiraTime.isBlank()) {
			return null;
		}
		try {
			return OffsetDateTime.parse(jiraTime, JIRA_TIME).toInstant();
		}
		catch (DateTimeParseException ex) {
			try {
				return OffsetDateTime.parse(jiraTime).toInstant();
			}
			catch (DateTimeParseException unknown) {
				return null;
			}
		}
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value;
	}

	static List<String> relevantFields(JiraProperties properties) {
		return properties.customerField() == null
				? List.of("status", "priority", "assignee", "summary", "description", "issuetype", "project", "key")
				: List.of("status", "priority", "assignee", "summary", "description", "issuetype", "project", "key",
						properties.customerField());
	}

}
