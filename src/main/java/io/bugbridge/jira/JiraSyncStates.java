package io.bugbridge.jira;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.bugbridge.tracker.SyncStates;
import io.bugbridge.tracker.TrackerSelection;
import org.springframework.context.annotation.Conditional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The admin pages' read-only view of the outbox and issue links. Reads only: delivery, retries and
 * leases stay with {@link OutboxPump} and {@link Deliverer}.
 */
@Component
@Conditional(TrackerSelection.JiraConfigured.class)
class JiraSyncStates implements SyncStates {

	private final JdbcClient jdbc;

	private final OutboxRepository outbox;

	JiraSyncStates(JdbcClient jdbc, OutboxRepository outbox) {
		this.jdbc = jdbc;
		this.outbox = outbox;
	}

	@Override
	public Map<Long, SyncState> of(List<Long> ticketIds) {
		Map<Long, SyncState> states = new HashMap<>();
		if (ticketIds.isEmpty()) {
			return states;
		}
		ticketIds.forEach(id -> states.put(id, new SyncState(State.NOT_LINKED, null, null, null)));
		jdbc.sql("""
				SELECT l.ticket_id, l.issue_key, l.attempts, l.last_error, l.synced_at, l.duplicate_note,
				    (SELECT MIN(o.created_at) FROM jira_outbox o
				     WHERE o.ticket_id = l.ticket_id AND o.failed_at IS NULL) AS pending_since,
				    (SELECT MAX(o.failed_at) FROM jira_outbox o
				     WHERE o.ticket_id = l.ticket_id AND o.failed_at IS NOT NULL) AS failed_at
				FROM jira_link l WHERE l.ticket_id IN (:ids)""")
			.param("ids", ticketIds)
			.query((rs, n) -> states.put(rs.getLong("ticket_id"), state(rs)))
			.list();
		return states;
	}

	private static SyncState state(ResultSet rs) throws SQLException {
		String key = rs.getString("issue_key");
		String error = rs.getString("last_error");
		Instant failed = instant(rs, "failed_at");
		Instant pending = instant(rs, "pending_since");
		if (failed != null) {
			return new SyncState(State.FAILED, key, failed, error);
		}
		if (pending != null) {
			return rs.getInt("attempts") > 0 ? new SyncState(State.RETRYING, key, pending, error)
					: new SyncState(State.PENDING, key, pending, null);
		}
		if (key == null) {
			return new SyncState(State.PENDING, null, null, error);
		}
		// A second issue that could not be deleted is for an admin to settle in Jira.
		return new SyncState(State.SYNCED, key, instant(rs, "synced_at"), rs.getString("duplicate_note"));
	}

	@Override
	public List<Long> notSynced(int limit) {
		return jdbc.sql("""
				SELECT t.id FROM ticket t LEFT JOIN jira_link l ON l.ticket_id = t.id
				WHERE t.deleted_at IS NULL
				  AND (l.ticket_id IS NULL OR l.issue_key IS NULL
				       OR EXISTS (SELECT 1 FROM jira_outbox o WHERE o.ticket_id = t.id))
				ORDER BY t.id DESC FETCH FIRST %d ROWS ONLY""".formatted(Math.max(1, limit)))
			.query(Long.class)
			.list();
	}

	@Override
	public Backlog backlog() {
		return new Backlog(outbox.backlog(), outbox.deadLetters(), outbox.oldestAge());
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return value == null ? null : value.toInstant();
	}

}
