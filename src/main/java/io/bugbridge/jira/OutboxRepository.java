package io.bugbridge.jira;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The jira module's tables: issue links (which double as per-ticket delivery queues with a
 * lease), the outbox, comment links, webhook deliveries seen and the reconciliation watermark.
 * Plain SQL that runs unchanged on PostgreSQL and H2.
 */
class OutboxRepository {

	enum Operation {

		CREATE, UPDATE, COMMENT, ATTACHMENT, REMOTE_LINK;

		/**
		 * Whether sending it again has the same effect as sending it once, so a retry after a lost
		 * answer needs no lookup first (and no wait for Jira to finish the lost call).
		 */
		boolean idempotent() {
			return this == UPDATE || this == REMOTE_LINK;
		}

	}

	record Link(long ticketId, String issueId, String issueKey, int attempts, Instant nextAttemptAt,
			String leaseOwner, Instant leaseUntil, String lastError, Instant jiraUpdatedAt, boolean issueDeleted,
			String createAttempt, Instant createSettlesAt) {

		/** An earlier create may have made the issue: never create again without looking. */
		boolean createOutcomeUnknown() {
			return issueId == null && createAttempt != null;
		}

	}

	record Entry(long id, long ticketId, Operation operation, String payload, int attempts, Instant created) {
	}

	private static final String LINK_COLUMNS = "ticket_id, issue_id, issue_key, attempts, next_attempt_at, lease_owner,"
			+ " lease_until, last_error, jira_updated_at, issue_deleted, create_attempt, create_settles_at";

	private final JdbcClient jdbc;

	private final Clock clock;

	OutboxRepository(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	Instant now() {
		return clock.instant();
	}

	// --- Links ---

	/** Creates the ticket's link unless it has one; the first delivery is due at {@code due}. */
	void ensureLink(long ticketId, Instant due) {
		// ON CONFLICT rather than catching the duplicate: a failed statement aborts a PostgreSQL transaction.
		jdbc.sql("INSERT INTO jira_link (ticket_id, next_attempt_at) VALUES (:id, :due) ON CONFLICT DO NOTHING")
			.param("id", ticketId)
			.param("due", utc(due))
			.update();
	}

	Optional<Link> link(long ticketId) {
		return jdbc.sql("SELECT " + LINK_COLUMNS + " FROM jira_link WHERE ticket_id = :id")
			.param("id", ticketId)
			.query(OutboxRepository::mapLink)
			.optional();
	}

	Optional<Link> linkByIssueId(String issueId) {
		return jdbc.sql("SELECT " + LINK_COLUMNS + " FROM jira_link WHERE issue_id = :issueId")
			.param("issueId", issueId)
			.query(OutboxRepository::mapLink)
			.optional();
	}

	/**
	 * Records the Jira issue of a ticket (ending any create whose outcome was unknown); inserts the
	 * link when the ticket came from Jira. A link keeps the first issue it got.
	 */
	void linked(long ticketId, String issueId, String issueKey) {
		int updated = jdbc.sql("UPDATE jira_link SET issue_id = :issueId, issue_key = :key, synced_at = :now,"
				+ " create_attempt = NULL, create_attempted_at = NULL, create_settles_at = NULL"
				+ " WHERE ticket_id = :id AND (issue_id IS NULL OR issue_id = :issueId)")
			.param("issueId", issueId)
			.param("key", issueKey)
			.param("now", utc(now()))
			.param("id", ticketId)
			.update();
		if (updated == 0) {
			jdbc.sql("INSERT INTO jira_link (ticket_id, issue_id, issue_key, next_attempt_at, synced_at)"
					+ " VALUES (:id, :issueId, :key, :now, :now) ON CONFLICT DO NOTHING")
				.param("id", ticketId)
				.param("issueId", issueId)
				.param("key", issueKey)
				.param("now", utc(now()))
				.update();
		}
	}

	void applied(long ticketId, String issueKey, Instant jiraUpdated) {
		jdbc.sql("UPDATE jira_link SET issue_key = :key, jira_updated_at = :updated, synced_at = :now"
				+ " WHERE ticket_id = :id")
			.param("key", issueKey)
			.param("updated", jiraUpdated == null ? null : utc(jiraUpdated))
			.param("now", utc(now()))
			.param("id", ticketId)
			.update();
	}

	void issueDeleted(long ticketId) {
		jdbc.sql("UPDATE jira_link SET issue_deleted = TRUE, synced_at = :now WHERE ticket_id = :id")
			.param("now", utc(now()))
			.param("id", ticketId)
			.update();
		jdbc.sql("DELETE FROM jira_outbox WHERE ticket_id = :id AND failed_at IS NULL").param("id", ticketId).update();
	}

	/** Tickets that have no link yet (filed before Jira was connected), oldest first. */
	List<Long> ticketsWithoutLink(int limit) {
		return jdbc.sql("SELECT t.id FROM ticket t WHERE t.deleted_at IS NULL"
				+ " AND NOT EXISTS (SELECT 1 FROM jira_link l WHERE l.ticket_id = t.id) ORDER BY t.id FETCH FIRST "
				+ limit + " ROWS ONLY")
			.query(Long.class)
			.list();
	}

	// --- Outbox ---

	void enqueue(long ticketId, Operation operation, String payload) {
		jdbc.sql("INSERT INTO jira_outbox (ticket_id, operation, payload, created_at)"
				+ " VALUES (:id, :op, :payload, :now)")
			.param("id", ticketId)
			.param("op", operation.name())
			.param("payload", payload)
			.param("now", utc(now()))
			.update();
	}

	/** Tickets with entries due now and no live lease, longest waiting first. */
	List<Long> dueTickets(int limit) {
		return jdbc.sql("""
				SELECT o.ticket_id FROM jira_outbox o JOIN jira_link l ON l.ticket_id = o.ticket_id
				WHERE o.failed_at IS NULL AND l.next_attempt_at <= :now
				  AND (l.lease_until IS NULL OR l.lease_until < :now)
				GROUP BY o.ticket_id ORDER BY MIN(o.id) FETCH FIRST %d ROWS ONLY""".formatted(limit))
			.param("now", utc(now()))
			.query(Long.class)
			.list();
	}

	/**
	 * Takes the ticket's queue for {@code lease} under {@code claim}, a token unique to this claim
	 * (the fencing token: every write of the delivery is conditional on it still holding the
	 * lease); false when another delivery holds it.
	 */
	boolean claim(long ticketId, String claim, Duration lease) {
		Instant now = now();
		return jdbc.sql("UPDATE jira_link SET lease_owner = :owner, lease_until = :until WHERE ticket_id = :id"
				+ " AND (lease_until IS NULL OR lease_until < :now)")
			.param("owner", claim)
			.param("until", utc(now.plus(lease)))
			.param("id", ticketId)
			.param("now", utc(now))
			.update() == 1;
	}

	boolean holdsLease(long ticketId, String claim) {
		return jdbc.sql("SELECT COUNT(*) FROM jira_link WHERE ticket_id = :id AND lease_owner = :owner"
				+ " AND lease_until >= :now")
			.param("id", ticketId)
			.param("owner", claim)
			.param("now", utc(now()))
			.query(Long.class)
			.single() == 1;
	}

	void release(long ticketId, String claim) {
		jdbc.sql("UPDATE jira_link SET lease_owner = NULL, lease_until = NULL WHERE ticket_id = :id"
				+ " AND lease_owner = :owner")
			.param("id", ticketId)
			.param("owner", claim)
			.update();
	}

	// --- Creates whose outcome is unknown ---

	/**
	 * Records, before POST /issue, that a create is being attempted under {@code claim}: only while
	 * the claim holds a live lease (renewed here), only when no issue is linked and no earlier
	 * attempt is unresolved. Until {@code settlesAt} a lookup that finds nothing proves nothing.
	 * False: do not send.
	 */
	boolean startCreate(long ticketId, String claim, Duration lease, Instant settlesAt) {
		Instant now = now();
		return jdbc.sql("UPDATE jira_link SET create_attempt = :claim, create_attempted_at = :now,"
				+ " create_settles_at = :settles, lease_until = :until WHERE ticket_id = :id AND lease_owner = :claim"
				+ " AND lease_until >= :now AND issue_id IS NULL AND create_attempt IS NULL")
			.param("claim", claim)
			.param("now", utc(now))
			.param("settles", utc(settlesAt))
			.param("until", utc(now.plus(lease)))
			.param("id", ticketId)
			.update() == 1;
	}

	/** The attempt under {@code claim} ended with an answer; a negative lookup is trusted from {@code settlesAt}. */
	void createEnded(long ticketId, String claim, Instant settlesAt) {
		jdbc.sql("UPDATE jira_link SET create_settles_at = :settles WHERE ticket_id = :id AND create_attempt = :claim"
				+ " AND create_settles_at > :settles")
			.param("settles", utc(settlesAt))
			.param("id", ticketId)
			.param("claim", claim)
			.update();
	}

	/** The attempt certainly created nothing (not sent, or refused): creating again is safe. */
	void createNotApplied(long ticketId, String claim) {
		jdbc.sql("UPDATE jira_link SET create_attempt = NULL, create_attempted_at = NULL, create_settles_at = NULL"
				+ " WHERE ticket_id = :id AND create_attempt = :claim AND issue_id IS NULL")
			.param("id", ticketId)
			.param("claim", claim)
			.update();
	}

	/**
	 * A settled lookup found no issue for the unresolved attempt {@code attempt}: it is believed to
	 * have created nothing. Jira may still apply it late (a request queued behind a stalled node),
	 * so the same statement books a duplicate check at {@code checkAt}, durably, before anything is
	 * sent again. Fenced by the lease of {@code claim}.
	 */
	boolean createSettledAbsent(long ticketId, String attempt, String claim, Instant checkAt) {
		return jdbc.sql("UPDATE jira_link SET create_attempt = NULL, create_attempted_at = NULL, create_settles_at = NULL,"
				+ " duplicate_check_at = " + LATER_CHECK
				+ " WHERE ticket_id = :id AND create_attempt = :attempt AND issue_id IS NULL AND lease_owner = :claim"
				+ " AND lease_until >= :now")
			.param("id", ticketId)
			.param("attempt", attempt)
			.param("claim", claim)
			.param("now", utc(now()))
			.param("check", utc(checkAt))
			.update() == 1;
	}

	// --- Duplicate checks ---

	/** Keeps the later of a booked check and {@code :check}, so no booked check is brought forward and lost. */
	private static final String LATER_CHECK = "CASE WHEN duplicate_check_at IS NULL OR duplicate_check_at < :check"
			+ " THEN :check ELSE duplicate_check_at END";

	record DueCheck(long ticketId, Instant at) {
	}

	/** Books a check of the ticket's label for duplicate issues at {@code at} (or later, if one is booked later). */
	void scheduleDuplicateCheck(long ticketId, Instant at) {
		jdbc.sql("UPDATE jira_link SET duplicate_check_at = " + LATER_CHECK + " WHERE ticket_id = :id")
			.param("check", utc(at))
			.param("id", ticketId)
			.update();
	}

	List<DueCheck> dueDuplicateChecks(int limit) {
		return jdbc.sql("SELECT ticket_id, duplicate_check_at FROM jira_link WHERE duplicate_check_at <= :now"
				+ " ORDER BY duplicate_check_at FETCH FIRST " + limit + " ROWS ONLY")
			.param("now", utc(now()))
			.query((rs, n) -> new DueCheck(rs.getLong("ticket_id"), instant(rs, "duplicate_check_at")))
			.list();
	}

	/** The check booked for {@code at} is done; a check booked meanwhile for later stays. */
	void duplicateChecked(DueCheck check) {
		jdbc.sql("UPDATE jira_link SET duplicate_check_at = NULL WHERE ticket_id = :id AND duplicate_check_at = :at")
			.param("id", check.ticketId())
			.param("at", utc(check.at()))
			.update();
	}

	/** What an admin should know about the ticket's duplicate issues (one that could not be deleted). */
	void duplicateNote(long ticketId, String note) {
		jdbc.sql("UPDATE jira_link SET duplicate_note = :note WHERE ticket_id = :id")
			.param("note", abbreviate(note))
			.param("id", ticketId)
			.update();
	}

	Optional<String> duplicateNote(long ticketId) {
		return jdbc.sql("SELECT duplicate_note FROM jira_link WHERE ticket_id = :id AND duplicate_note IS NOT NULL")
			.param("id", ticketId)
			.query(String.class)
			.optional();
	}

	Optional<Entry> nextEntry(long ticketId) {
		return jdbc.sql("SELECT id, ticket_id, operation, payload, attempts, created_at FROM jira_outbox"
				+ " WHERE ticket_id = :id AND failed_at IS NULL ORDER BY id FETCH FIRST 1 ROWS ONLY")
			.param("id", ticketId)
			.query((rs, n) -> new Entry(rs.getLong("id"), rs.getLong("ticket_id"),
					Operation.valueOf(rs.getString("operation")), rs.getString("payload"), rs.getInt("attempts"),
					instant(rs, "created_at")))
			.optional();
	}

	/** Committed before a call that may create something in Jira: a later retry knows to look first. */
	void attempting(long entryId) {
		jdbc.sql("UPDATE jira_outbox SET attempts = attempts + 1 WHERE id = :id").param("id", entryId).update();
	}

	/** The call certainly did not reach Jira: no lookup is needed before the next try. */
	void notAttempted(long entryId) {
		jdbc.sql("UPDATE jira_outbox SET attempts = attempts - 1 WHERE id = :id AND attempts > 0")
			.param("id", entryId)
			.update();
	}

	/** Counts an unexpected local failure of the entry; the count so far. */
	int failed(long entryId) {
		jdbc.sql("UPDATE jira_outbox SET failures = failures + 1 WHERE id = :id").param("id", entryId).update();
		return jdbc.sql("SELECT failures FROM jira_outbox WHERE id = :id")
			.param("id", entryId)
			.query(Integer.class)
			.optional()
			.orElse(0);
	}

	void delivered(Entry entry) {
		jdbc.sql("DELETE FROM jira_outbox WHERE id = :id").param("id", entry.id()).update();
		jdbc.sql("UPDATE jira_link SET attempts = 0, last_error = NULL, synced_at = :now WHERE ticket_id = :ticket")
			.param("now", utc(now()))
			.param("ticket", entry.ticketId())
			.update();
	}

	/** Makes the ticket's queue due now (when no failure is holding it back). */
	void dueNow(long ticketId) {
		jdbc.sql("UPDATE jira_link SET next_attempt_at = :now WHERE ticket_id = :id AND attempts = 0")
			.param("now", utc(now()))
			.param("id", ticketId)
			.update();
	}

	/**
	 * Backs off after a failure: the ticket's queue is due again at {@code due}; the lease is given
	 * up. A no-op when {@code claim} lost the lease (its new holder decides).
	 */
	void retryLater(long ticketId, String claim, Instant due, String error) {
		jdbc.sql("UPDATE jira_link SET attempts = attempts + 1, next_attempt_at = :due, last_error = :error,"
				+ " lease_owner = NULL, lease_until = NULL WHERE ticket_id = :id AND lease_owner = :claim")
			.param("due", utc(due))
			.param("error", abbreviate(error))
			.param("id", ticketId)
			.param("claim", claim)
			.update();
	}

	/** Waits without a failure (an unknown create settling): due again at {@code due}; the lease is given up. */
	void putOff(long ticketId, String claim, Instant due) {
		jdbc.sql("UPDATE jira_link SET next_attempt_at = :due, lease_owner = NULL, lease_until = NULL"
				+ " WHERE ticket_id = :id AND lease_owner = :claim")
			.param("due", utc(due))
			.param("id", ticketId)
			.param("claim", claim)
			.update();
	}

	void deadLetter(Entry entry, String error) {
		jdbc.sql("UPDATE jira_outbox SET failed_at = :now, error = :error WHERE id = :id")
			.param("now", utc(now()))
			.param("error", abbreviate(error))
			.param("id", entry.id())
			.update();
		jdbc.sql("UPDATE jira_link SET last_error = :error, attempts = 0 WHERE ticket_id = :ticket")
			.param("error", abbreviate(error))
			.param("ticket", entry.ticketId())
			.update();
	}

	/**
	 * Puts the ticket's dead letters back in its queue; how many. They keep their ids, so they go
	 * in their original order, and their attempt counts, so one that may have reached Jira is still
	 * looked up before it is sent again; only the count of local failures starts over.
	 */
	int requeueDeadLetters(long ticketId) {
		return jdbc.sql("UPDATE jira_outbox SET failed_at = NULL, error = NULL, failures = 0"
				+ " WHERE ticket_id = :id AND failed_at IS NOT NULL")
			.param("id", ticketId)
			.update();
	}

	/**
	 * Ends the ticket's backoff: due now, with the backoff starting over. An unknown create's
	 * columns stay as they are: its next delivery still only looks the issue up.
	 */
	void retryNow(long ticketId) {
		jdbc.sql("UPDATE jira_link SET attempts = 0, next_attempt_at = :now, last_error = NULL WHERE ticket_id = :id")
			.param("now", utc(now()))
			.param("id", ticketId)
			.update();
	}

	void discard(Entry entry) {
		jdbc.sql("DELETE FROM jira_outbox WHERE id = :id").param("id", entry.id()).update();
	}

	long backlog() {
		return jdbc.sql("SELECT COUNT(*) FROM jira_outbox WHERE failed_at IS NULL").query(Long.class).single();
	}

	long backlogOf(long ticketId) {
		return jdbc.sql("SELECT COUNT(*) FROM jira_outbox WHERE ticket_id = :id AND failed_at IS NULL")
			.param("id", ticketId)
			.query(Long.class)
			.single();
	}

	long deadLetters() {
		return jdbc.sql("SELECT COUNT(*) FROM jira_outbox WHERE failed_at IS NOT NULL").query(Long.class).single();
	}

	Duration oldestAge() {
		Optional<OffsetDateTime> oldest = jdbc.sql("SELECT MIN(created_at) FROM jira_outbox WHERE failed_at IS NULL")
			.query((rs, n) -> rs.getObject(1, OffsetDateTime.class))
			.optional();
		return oldest.filter(o -> o != null)
			.map(o -> Duration.between(o.toInstant(), now()))
			.filter(d -> !d.isNegative())
			.orElse(Duration.ZERO);
	}

	// --- Comments ---

	Optional<Long> commentByJiraId(String jiraCommentId) {
		return jdbc.sql("SELECT comment_id FROM jira_comment_link WHERE jira_comment_id = :jira")
			.param("jira", jiraCommentId)
			.query(Long.class)
			.optional();
	}

	/** The local comment linked to the Jira comment, when it belongs to {@code ticketId}. */
	Optional<Long> commentByJiraId(long ticketId, String jiraCommentId) {
		return jdbc.sql("SELECT comment_id FROM jira_comment_link WHERE jira_comment_id = :jira AND ticket_id = :ticket")
			.param("jira", jiraCommentId)
			.param("ticket", ticketId)
			.query(Long.class)
			.optional();
	}

	Optional<String> jiraCommentId(long commentId) {
		return jdbc.sql("SELECT jira_comment_id FROM jira_comment_link WHERE comment_id = :id")
			.param("id", commentId)
			.query(String.class)
			.optional();
	}

	/** Local comment id by Jira comment id, for one ticket. */
	Map<String, Long> commentLinks(long ticketId) {
		Map<String, Long> links = new HashMap<>();
		jdbc.sql("SELECT comment_id, jira_comment_id FROM jira_comment_link WHERE ticket_id = :id")
			.param("id", ticketId)
			.query((rs, n) -> links.put(rs.getString("jira_comment_id"), rs.getLong("comment_id")))
			.list();
		return links;
	}

	void linkComment(long commentId, long ticketId, String jiraCommentId) {
		jdbc.sql("INSERT INTO jira_comment_link (comment_id, ticket_id, jira_comment_id) VALUES (:id, :ticket, :jira)")
			.param("id", commentId)
			.param("ticket", ticketId)
			.param("jira", jiraCommentId)
			.update();
	}

	/** Links unless either side is linked already; false then (see {@link #commentByJiraId}). */
	boolean linkCommentIfAbsent(long commentId, long ticketId, String jiraCommentId) {
		return jdbc.sql("INSERT INTO jira_comment_link (comment_id, ticket_id, jira_comment_id) VALUES (:id, :ticket, :jira)"
				+ " ON CONFLICT DO NOTHING")
			.param("id", commentId)
			.param("ticket", ticketId)
			.param("jira", jiraCommentId)
			.update() == 1;
	}

	void unlinkJiraComment(String jiraCommentId) {
		jdbc.sql("DELETE FROM jira_comment_link WHERE jira_comment_id = :jira").param("jira", jiraCommentId).update();
	}

	// --- Webhooks and state ---

	/** False when this delivery identifier was seen before (a redelivery). */
	boolean firstDelivery(String identifier) {
		return jdbc.sql("INSERT INTO jira_webhook_delivery (identifier, received_at) VALUES (:id, :now)"
				+ " ON CONFLICT DO NOTHING")
			.param("id", identifier)
			.param("now", utc(now()))
			.update() == 1;
	}

	boolean seenDelivery(String identifier) {
		return jdbc.sql("SELECT COUNT(*) FROM jira_webhook_delivery WHERE identifier = :id")
			.param("id", identifier)
			.query(Long.class)
			.single() > 0;
	}

	int forgetDeliveriesBefore(Instant cutoff) {
		return jdbc.sql("DELETE FROM jira_webhook_delivery WHERE received_at < :cutoff")
			.param("cutoff", utc(cutoff))
			.update();
	}

	Optional<String> state(String name) {
		return jdbc.sql("SELECT state_value FROM jira_sync_state WHERE state_name = :name")
			.param("name", name)
			.query(String.class)
			.optional();
	}

	void saveState(String name, String value) {
		int updated = jdbc.sql("UPDATE jira_sync_state SET state_value = :value, updated_at = :now WHERE state_name = :name")
			.param("value", value)
			.param("now", utc(now()))
			.param("name", name)
			.update();
		if (updated == 0) {
			jdbc.sql("INSERT INTO jira_sync_state (state_name, state_value, updated_at) VALUES (:name, :value, :now)"
					+ " ON CONFLICT DO NOTHING")
				.param("name", name)
				.param("value", value)
				.param("now", utc(now()))
				.update();
		}
	}

	private static Link mapLink(ResultSet rs, int row) throws SQLException {
		return new Link(rs.getLong("ticket_id"), rs.getString("issue_id"), rs.getString("issue_key"),
				rs.getInt("attempts"), instant(rs, "next_attempt_at"), rs.getString("lease_owner"),
				instant(rs, "lease_until"), rs.getString("last_error"), instant(rs, "jira_updated_at"),
				rs.getBoolean("issue_deleted"), rs.getString("create_attempt"), instant(rs, "create_settles_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return value == null ? null : value.toInstant();
	}

	static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	private static String abbreviate(String value) {
		return value == null || value.length() <= 1024 ? value : value.substring(0, 1021) + "...";
	}

}
