package io.bugbridge.jira;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.bugbridge.jira.OutboxRepository.Entry;
import io.bugbridge.jira.OutboxRepository.Link;
import io.bugbridge.ticket.Actor;
import io.bugbridge.ticket.Attachment;
import io.bugbridge.ticket.Comment;
import io.bugbridge.ticket.Origin;
import io.bugbridge.ticket.Status;
import io.bugbridge.ticket.Ticket;
import io.bugbridge.ticket.TicketService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Delivers one ticket's outbox entries to Jira, oldest first, while holding the ticket's lease.
 * Success removes the entry in the same transaction as its local effects (the link, the new key);
 * a temporary failure puts the whole queue off with backoff, so later entries never overtake it;
 * a refusal parks the entry as a dead letter and goes on.
 */
class Deliverer {

	private static final Logger log = LoggerFactory.getLogger(Deliverer.class);

	static final Actor JIRA_SYNC = new Actor(null, null, "Jira sync", Actor.Kind.SYSTEM);

	/** Payload of a create that must look for an existing issue first (tickets without a link). */
	static final String LOOKUP_FIRST = "lookup-first";

	private final OutboxRepository outbox;

	private final JiraClient jira;

	private final TicketService tickets;

	private final IssueBodies bodies;

	private final JiraMapping mapping;

	private final JiraProperties properties;

	private final JiraAvailability availability;

	private final JiraMetrics metrics;

	private final IssueApplier applier;

	private final TransactionTemplate transactions;

	private final JiraAvailability.Backoff backoff;

	private final String projectKey;

	private final Map<String, String> accountIds = new ConcurrentHashMap<>();

	/** Tickets being delivered on this node right now. */
	private final Set<Long> running = ConcurrentHashMap.newKeySet();

	Deliverer(OutboxRepository outbox, JiraClient jira, TicketService tickets, IssueBodies bodies, JiraMapping mapping,
			JiraProperties properties, JiraAvailability availability, JiraMetrics metrics, IssueApplier applier,
			TransactionTemplate transactions, String projectKey) {
		this.outbox = outbox;
		this.jira = jira;
		this.tickets = tickets;
		this.bodies = bodies;
		this.mapping = mapping;
		this.properties = properties;
		this.availability = availability;
		this.metrics = metrics;
		this.applier = applier;
		this.transactions = transactions;
		this.backoff = new JiraAvailability.Backoff(properties.delivery().initialBackoff(),
				properties.delivery().maxBackoff());
		this.projectKey = projectKey;
	}

	/** Whether a delivery of the ticket is running on this node (intake's or the worker's). */
	boolean busy(long ticketId) {
		return running.contains(ticketId);
	}

	/**
	 * Delivers what the ticket has queued. The caller has claimed the ticket's lease as
	 * {@code claim}, a token unique to that claim: every write that matters is fenced by it, so a
	 * delivery whose lease ran out (a hung call, a starved thread) cannot undo its successor's work.
	 * One delivery per ticket runs on a node at a time, whatever its lease says.
	 */
	void deliver(long ticketId, String claim) {
		if (!running.add(ticketId)) {
			outbox.release(ticketId, claim);
			return;
		}
		try {
			while (outbox.holdsLease(ticketId, claim)) {
				Optional<Entry> next = outbox.nextEntry(ticketId);
				if (next.isEmpty()) {
					return;
				}
				Entry entry = next.get();
				try {
					perform(entry, claim);
					availability.succeeded();
					metrics.delivered();
				}
				catch (LeaseLost lost) {
					log.info("Ticket {}: the lease ran out before the create was sent; its new holder goes on", ticketId);
					return;
				}
				catch (CreateUnsettled unsettled) {
					// Jira answered the lookup, so it is up; only its index may not have caught up yet.
					availability.succeeded();
					outbox.putOff(ticketId, claim, unsettled.until);
					log.info("Ticket {}: the outcome of an earlier create is not known yet; looking again at {}",
							ticketId, unsettled.until);
					return;
				}
				catch (JiraUnavailableException ex) {
					availability.failed(ex);
					int attempts = outbox.link(ticketId).map(Link::attempts).orElse(0) + 1;
					Duration wait = backoff.delay(attempts);
					if (ex.retryAfter() != null && ex.retryAfter().compareTo(wait) > 0) {
						wait = ex.retryAfter();
					}
					outbox.retryLater(ticketId, claim, outbox.now().plus(wait), ex.getMessage());
					metrics.retried();
					log.info("Jira delivery for ticket {} put off by {} ms (attempt {}): {}", ticketId, wait.toMillis(),
							attempts, ex.getMessage());
					return;
				}
				catch (JiraRejectedException ex) {
					// Jira answered, so it is up; what it refused will not get better by retrying.
					availability.succeeded();
					transactions.executeWithoutResult(tx -> outbox.deadLetter(entry, ex.getMessage()));
					metrics.deadLettered();
					log.warn("Jira refused {} of ticket {}: {}", entry.operation(), ticketId, ex.getMessage());
					if (entry.operation() == OutboxRepository.Operation.UPDATE) {
						restoreJiraOwnedFields(ticketId);
					}
				}
				catch (RuntimeException ex) {
					if (!failedHere(entry, claim, ex)) {
						return;
					}
				}
			}
		}
		finally {
			try {
				outbox.release(ticketId, claim);
			}
			finally {
				running.remove(ticketId);
			}
		}
	}

	/**
	 * A failure of our own (a bug, a constraint violation, the database): backoff like any other,
	 * a dead letter after {@code maxFailures}, one log line per attempt with the stack trace only
	 * the first time. True when the entry was dead-lettered and the queue goes on.
	 */
	private boolean failedHere(Entry entry, String claim, RuntimeException ex) {
		metrics.localFailure();
		int failures = outbox.failed(entry.id());
		int max = Math.max(1, properties.delivery().maxFailures());
		if (failures >= max) {
			String error = "failed here " + failures + " times: " + ex;
			transactions.executeWithoutResult(tx -> outbox.deadLetter(entry, error));
			metrics.deadLettered();
			log.error("Jira delivery of {} for ticket {} failed here {} times and is parked as a dead letter: {}",
					entry.operation(), entry.ticketId(), failures, ex.toString());
			return true;
		}
		Duration wait = backoff.delay(failures);
		outbox.retryLater(entry.ticketId(), claim, outbox.now().plus(wait), ex.toString());
		metrics.retried();
		if (failures == 1) {
			log.warn("Jira delivery of {} for ticket {} failed here (attempt 1 of {}), retrying in {} ms",
					entry.operation(), entry.ticketId(), max, wait.toMillis(), ex);
		}
		else {
			log.warn("Jira delivery of {} for ticket {} failed here again (attempt {} of {}), retrying in {} ms: {}",
					entry.operation(), entry.ticketId(), failures, max, wait.toMillis(), ex.toString());
		}
		return false;
	}

	private void perform(Entry entry, String claim) {
		Optional<Ticket> found = tickets.findById(entry.ticketId());
		Optional<Link> link = outbox.link(entry.ticketId());
		if (found.isEmpty() || link.isEmpty() || link.get().issueDeleted()) {
			transactions.executeWithoutResult(tx -> outbox.discard(entry));
			return;
		}
		Ticket ticket = found.get();
		switch (entry.operation()) {
			case CREATE -> create(entry, ticket, link.get(), claim);
			case UPDATE -> update(entry, ticket, requireIssue(link.get()));
			case COMMENT -> comment(entry, ticket, requireIssue(link.get()));
			case ATTACHMENT -> attachment(entry, requireIssue(link.get()));
			case REMOTE_LINK -> remoteLink(entry, requireIssue(link.get()));
		}
	}

	private static String requireIssue(Link link) {
		if (link.issueId() == null) {
			throw new JiraRejectedException(0,
					"the ticket has no Jira issue: its creation was refused (" + link.lastError() + ")");
		}
		return link.issueId();
	}

	/**
	 * Creates the ticket's issue exactly once. An attempt is recorded (fenced by the lease) before
	 * the call and stays "outcome unknown" until its answer is recorded or it certainly did not
	 * reach Jira. While unknown, deliveries only look the issue up by its label: a hit links it,
	 * and a miss is believed only once the attempt has settled (ended, plus Jira's search lag);
	 * before that the delivery waits. So neither a lost answer, nor a lease that ran out during a
	 * hung call, nor a search index that lags behind the create leads to a second issue.
	 */
	private void create(Entry entry, Ticket ticket, Link link, String claim) {
		if (link.issueId() != null) {
			transactions.executeWithoutResult(tx -> outbox.delivered(entry));
			return;
		}
		if (link.createOutcomeUnknown() || LOOKUP_FIRST.equals(entry.payload())) {
			metrics.createLookup();
			Optional<JsonNode> existing = findByLabel(ticket.id());
			if (existing.isPresent()) {
				log.info("Ticket {} was already in Jira as {}: linked instead of created again", ticket.key(),
						existing.get().path("key").asString());
				recordCreated(entry, ticket, existing.get());
				return;
			}
			if (link.createOutcomeUnknown()) {
				Instant now = outbox.now();
				if (link.createSettlesAt() == null || now.isBefore(link.createSettlesAt())) {
					// Not found may only mean Jira has not finished the create, or not indexed it yet.
					throw new CreateUnsettled(link.createSettlesAt() == null ? now.plus(properties.searchLag())
							: link.createSettlesAt());
				}
				// Settled is not certain: a create Jira applies late would make a second issue, so check later.
				Instant check = now.plus(properties.requestTimeout()).plus(properties.searchLag().multipliedBy(2));
				if (!outbox.createSettledAbsent(ticket.id(), link.createAttempt(), claim, check)) {
					throw new LeaseLost();
				}
				log.info("Ticket {}: the create attempted earlier made no issue (none found after it settled);"
						+ " creating it", ticket.key());
			}
		}
		Instant settles = outbox.now().plus(properties.requestTimeout()).plus(properties.searchLag());
		if (!outbox.startCreate(ticket.id(), claim, properties.delivery().lease(), settles)) {
			// The lease was lost, or someone recorded an attempt meanwhile: the holder of the lease decides.
			throw new LeaseLost();
		}
		JsonNode created;
		try {
			created = jira.createIssue(bodies.create(ticket));
		}
		catch (JiraUnavailableException ex) {
			if (!ex.mayHaveApplied()) {
				outbox.createNotApplied(ticket.id(), claim);
			}
			else if (ex.answered()) {
				// Jira has finished with the request: only its search index may still be behind.
				outbox.createEnded(ticket.id(), claim, outbox.now().plus(properties.searchLag()));
			}
			throw ex;
		}
		catch (JiraRejectedException ex) {
			outbox.createNotApplied(ticket.id(), claim);
			throw ex;
		}
		recordCreated(entry, ticket, created);
	}

	/** Records the issue whatever became of the lease: it exists in Jira, and forgetting it would duplicate it. */
	private void recordCreated(Entry entry, Ticket ticket, JsonNode issue) {
		String issueId = issue.path("id").asString();
		String issueKey = issue.path("key").asString();
		transactions.executeWithoutResult(tx -> {
			outbox.linked(ticket.id(), issueId, issueKey);
			Optional<Link> link = outbox.link(ticket.id());
			if (link.isPresent() && issueId.equals(link.get().issueId())) {
				tickets.findById(ticket.id())
					.filter(current -> !current.key().equals(issueKey))
					.ifPresent(current -> tickets.rekey(current.key(), issueKey, JIRA_SYNC, Origin.TRACKER));
			}
			else {
				log.warn("Ticket {} has a second Jira issue {}; {} stays linked and the other is checked",
						ticket.key(), issueKey, link.map(Link::issueKey).orElse("?"));
				outbox.scheduleDuplicateCheck(ticket.id(), outbox.now().plus(properties.searchLag()));
			}
			outbox.delivered(entry);
		});
	}

	Optional<JsonNode> findByLabel(long ticketId) {
		String jql = "project = \"" + projectKey + "\" AND labels = \"" + bodies.label(ticketId) + "\" ORDER BY created ASC";
		JsonNode page = jira.search(jql, "summary,created", null, 10);
		JsonNode issues = page.path("issues");
		if (issues.size() > 1) {
			log.warn("Ticket id {} has {} Jira issues; the oldest is kept as the link, the others are checked",
					ticketId, issues.size());
			outbox.scheduleDuplicateCheck(ticketId, outbox.now());
		}
		return issues.isEmpty() ? Optional.empty() : Optional.of(issues.get(0));
	}

	/** This delivery no longer holds the ticket's lease: it must not send anything. */
	private static final class LeaseLost extends RuntimeException {

		LeaseLost() {
			super(null, null, false, false);
		}

	}

	/** An earlier create's outcome is unknown and cannot be known before {@code until}. */
	private static final class CreateUnsettled extends RuntimeException {

		private final Instant until;

		CreateUnsettled(Instant until) {
			super(null, null, false, false);
			this.until = until;
		}

	}

	private void update(Entry entry, Ticket ticket, String issueId) {
		Set<String> fields = Set.of(entry.payload() == null ? new String[0] : entry.payload().split(","));
		ObjectNode edit = JiraClient.JSON.createObjectNode();
		ObjectNode values = edit.putObject("fields");
		if (fields.contains("summary")) {
			values.put("summary", ticket.summary());
		}
		if (fields.contains("description")) {
			values.set("description", bodies.description(ticket));
		}
		if (fields.contains("priority")) {
			values.putObject("priority").put("name", mapping.priority(ticket.priority()));
		}
		if (!values.isEmpty()) {
			jira.editIssue(issueId, edit);
		}
		if (fields.contains("assignee")) {
			jira.assign(issueId, ticket.assigneeEmail() == null ? null : accountId(ticket.assigneeEmail()));
		}
		if (fields.contains("status")) {
			transition(issueId, ticket.status());
		}
		transactions.executeWithoutResult(tx -> outbox.delivered(entry));
	}

	private String accountId(String email) {
		String known = accountIds.get(email.toLowerCase(Locale.ROOT));
		if (known != null) {
			return known;
		}
		String found = jira.accountIdByEmail(email)
			.orElseThrow(() -> new JiraRejectedException(0, "no Jira user with e-mail " + email
					+ " is visible to the API user (check the address, or the user's e-mail visibility)"));
		accountIds.put(email.toLowerCase(Locale.ROOT), found);
		return found;
	}

	/** Moves the issue with the transition whose target status means {@code target}. */
	private void transition(String issueId, Status target) {
		Set<String> wanted = mapping.jiraStatuses(target);
		JsonNode transitions = jira.transitions(issueId).path("transitions");
		List<String> available = new ArrayList<>();
		for (JsonNode transition : transitions) {
			String to = transition.path("to").path("name").asString("");
			available.add(transition.path("name").asString() + " → " + to);
			if (wanted.contains(to.toLowerCase(Locale.ROOT))) {
				jira.transition(issueId, transition.path("id").asString());
				return;
			}
		}
		JsonNode status = jira.issue(issueId, "status")
			.map(issue -> issue.path("fields").path("status"))
			.orElseThrow(() -> new JiraRejectedException(404, "issue " + issueId + " no longer exists"));
		if (mapping.status(status.path("name").asString(null),
				status.path("statusCategory").path("key").asString(null)) == target) {
			return;
		}
		throw new JiraRejectedException(409, "Jira's workflow has no transition from '"
				+ status.path("name").asString() + "' to a status meaning '" + target + "' (looked for " + wanted
				+ "; available: " + available + "). Map a Jira status to it with bugbridge.jira.statuses.");
	}

	private void comment(Entry entry, Ticket ticket, String issueId) {
		long commentId = Long.parseLong(entry.payload());
		Optional<Comment> found = tickets.findComment(commentId);
		if (found.isEmpty() || outbox.jiraCommentId(commentId).isPresent()) {
			transactions.executeWithoutResult(tx -> outbox.delivered(entry));
			return;
		}
		Comment comment = found.get();
		if (entry.attempts() > 0) {
			for (JsonNode existing : jira.comments(issueId)) {
				if (isOurComment(existing, commentId)) {
					recordComment(entry, ticket, commentId, existing.path("id").asString());
					return;
				}
			}
		}
		ObjectNode body = JiraClient.JSON.createObjectNode();
		String text = comment.authorKind() == Actor.Kind.CUSTOMER ? comment.authorName() + " wrote:\n\n" + comment.body()
				: comment.body();
		body.set("body", Adf.text(text));
		var commentProperties = body.putArray("properties");
		ObjectNode marker = commentProperties.addObject();
		marker.put("key", IssueBodies.COMMENT_PROPERTY_KEY);
		marker.putObject("value").put("commentId", commentId);
		if (comment.internal()) {
			if (properties.serviceDesk()) {
				// In Jira Service Management role/group visibility does not hide a comment from the portal.
				ObjectNode internal = commentProperties.addObject();
				internal.put("key", "sd.public.comment");
				internal.putObject("value").put("internal", true);
			}
			else {
				ObjectNode visibility = body.putObject("visibility");
				visibility.put("type", properties.internalVisibility().type());
				visibility.put("value", properties.internalVisibility().value());
				if ("role".equalsIgnoreCase(properties.internalVisibility().type())) {
					visibility.put("identifier", properties.internalVisibility().value());
				}
			}
		}
		transactions.executeWithoutResult(tx -> outbox.attempting(entry.id()));
		JsonNode created;
		try {
			created = jira.addComment(issueId, body);
		}
		catch (JiraUnavailableException ex) {
			if (!ex.mayHaveApplied()) {
				transactions.executeWithoutResult(tx -> outbox.notAttempted(entry.id()));
			}
			throw ex;
		}
		recordComment(entry, ticket, commentId, created.path("id").asString());
	}

	private static boolean isOurComment(JsonNode comment, long commentId) {
		for (JsonNode property : comment.path("properties")) {
			if (IssueBodies.COMMENT_PROPERTY_KEY.equals(property.path("key").asString())
					&& property.path("value").path("commentId").asLong(-1) == commentId) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Links the comment Jira made for ours. It may be linked already: the webhook or the
	 * reconciliation saw it first and recognised it by its property (then nothing is left to do),
	 * or, without that property to go by, took it for someone else's and imported a copy: the copy
	 * goes and ours takes its link. Never a duplicate key.
	 */
	private void recordComment(Entry entry, Ticket ticket, long commentId, String jiraCommentId) {
		transactions.executeWithoutResult(tx -> {
			if (!outbox.linkCommentIfAbsent(commentId, ticket.id(), jiraCommentId)
					&& outbox.jiraCommentId(commentId).isEmpty()) {
				outbox.commentByJiraId(jiraCommentId).filter(copy -> copy != commentId).ifPresent(copy -> {
					log.info("Jira comment {} was imported as comment {} before its delivery as comment {} was recorded;"
							+ " the copy is removed", jiraCommentId, copy, commentId);
					outbox.unlinkJiraComment(jiraCommentId);
					tickets.deleteComment(copy, JIRA_SYNC, Origin.TRACKER);
				});
				outbox.linkComment(commentId, ticket.id(), jiraCommentId);
			}
			outbox.delivered(entry);
		});
	}

	private void attachment(Entry entry, String issueId) {
		long attachmentId = Long.parseLong(entry.payload());
		Optional<Attachment> found = tickets.findAttachment(attachmentId);
		Optional<byte[]> content = tickets.attachmentContent(attachmentId);
		if (found.isEmpty() || content.isEmpty()) {
			transactions.executeWithoutResult(tx -> outbox.delivered(entry));
			return;
		}
		Attachment file = found.get();
		if (entry.attempts() > 0) {
			JsonNode existing = jira.issue(issueId, "attachment")
				.map(issue -> issue.path("fields").path("attachment"))
				.orElse(JiraClient.JSON.createArrayNode());
			for (JsonNode attached : existing) {
				if (file.fileName().equals(attached.path("filename").asString())
						&& attached.path("size").asLong(-1) == file.size()) {
					transactions.executeWithoutResult(tx -> outbox.delivered(entry));
					return;
				}
			}
		}
		transactions.executeWithoutResult(tx -> outbox.attempting(entry.id()));
		try {
			jira.addAttachment(issueId, file.fileName(), file.contentType(), content.get());
		}
		catch (JiraUnavailableException ex) {
			if (!ex.mayHaveApplied()) {
				transactions.executeWithoutResult(tx -> outbox.notAttempted(entry.id()));
			}
			throw ex;
		}
		transactions.executeWithoutResult(tx -> outbox.delivered(entry));
	}

	private void remoteLink(Entry entry, String issueId) {
		// No lookup before a retry: the globalId makes Jira update the link a lost answer created.
		jira.putRemoteLink(issueId, RemoteLink.fromPayload(entry.payload()).body());
		transactions.executeWithoutResult(tx -> outbox.delivered(entry));
	}

	/** Jira owns status, assignee and priority: when it refuses ours, show what Jira has. */
	private void restoreJiraOwnedFields(long ticketId) {
		outbox.link(ticketId).map(Link::issueId).ifPresent(issueId -> {
			try {
				applier.refresh(issueId, null);
			}
			catch (RuntimeException ex) {
				log.info("Could not re-read Jira issue {} after a refused update: {}", issueId, ex.getMessage());
			}
		});
	}

}
