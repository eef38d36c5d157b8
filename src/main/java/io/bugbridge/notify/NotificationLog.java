package io.bugbridge.notify;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** The {@code notification} table: what was sent to whom, when, and how delivery went. */
@Repository
class NotificationLog {

	private static final String COLUMNS = "id, kind, channel, recipient, ticket_key, source_event, subject, status,"
			+ " attempts, last_error, created_at, next_attempt_at, sent_at";

	private final JdbcClient jdbc;

	NotificationLog(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	long insert(Kind kind, Channel channel, String recipient, String ticketKey, String sourceEvent, Instant now) {
		KeyHolder keys = new GeneratedKeyHolder();
		jdbc.sql("""
				INSERT INTO notification (kind, channel, recipient, ticket_key, source_event, status, attempts,
				    created_at, updated_at, next_attempt_at)
				VALUES (:kind, :channel, :recipient, :ticketKey, :sourceEvent, 'pending', 0, :now, :now, :now)""")
			.param("kind", kind.code())
			.param("channel", channel.code())
			.param("recipient", recipient)
			.param("ticketKey", ticketKey)
			.param("sourceEvent", abbreviate(sourceEvent, 255))
			.param("now", utc(now))
			.update(keys, "id");
		return keys.getKeyAs(Number.class).longValue();
	}

	/**
	 * Counts an attempt on a pending notification and returns it; empty when it is no longer
	 * pending (already sent or given up on), so a job that runs twice never sends twice.
	 */
	Optional<Notification> startAttempt(long id, Instant now) {
		int updated = jdbc.sql("UPDATE notification SET attempts = attempts + 1, updated_at = :now"
				+ " WHERE id = :id AND status = 'pending'")
			.param("now", utc(now))
			.param("id", id)
			.update();
		return updated == 0 ? Optional.empty() : find(id);
	}

	void sent(long id, String subject, Instant now) {
		jdbc.sql("UPDATE notification SET status = 'sent', subject = :subject, sent_at = :now, updated_at = :now,"
				+ " next_attempt_at = NULL, last_error = NULL WHERE id = :id")
			.param("subject", abbreviate(subject, 255))
			.param("now", utc(now))
			.param("id", id)
			.update();
	}

	void retrying(long id, String error, Instant nextAttempt, Instant now) {
		jdbc.sql("UPDATE notification SET last_error = :error, next_attempt_at = :next, updated_at = :now WHERE id = :id")
			.param("error", abbreviate(error, 1024))
			.param("next", utc(nextAttempt))
			.param("now", utc(now))
			.param("id", id)
			.update();
	}

	void failed(long id, String error, Instant now) {
		jdbc.sql("UPDATE notification SET status = 'failed', last_error = :error, next_attempt_at = NULL,"
				+ " updated_at = :now WHERE id = :id")
			.param("error", abbreviate(error, 1024))
			.param("now", utc(now))
			.param("id", id)
			.update();
	}

	boolean exists(Kind kind, String ticketKey, String sourceEvent) {
		return jdbc.sql("SELECT COUNT(*) FROM notification WHERE ticket_key = :ticketKey AND kind = :kind"
				+ " AND source_event = :sourceEvent")
			.param("ticketKey", ticketKey)
			.param("kind", kind.code())
			.param("sourceEvent", abbreviate(sourceEvent, 255))
			.query(Long.class)
			.single() > 0;
	}

	Optional<Notification> find(long id) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM notification WHERE id = :id")
			.param("id", id)
			.query(NotificationLog::map)
			.optional();
	}

	/** A ticket's notifications, oldest first. */
	List<Notification> forTicket(String ticketKey) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM notification WHERE ticket_key = :ticketKey ORDER BY id")
			.param("ticketKey", ticketKey)
			.query(NotificationLog::map)
			.list();
	}

	/** The latest notifications of a kind, newest first. */
	List<Notification> latest(Kind kind, int limit) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM notification WHERE kind = :kind ORDER BY id DESC FETCH FIRST "
				+ limit + " ROWS ONLY")
			.param("kind", kind.code())
			.query(NotificationLog::map)
			.list();
	}

	private static Notification map(ResultSet rs, int row) throws SQLException {
		return new Notification(rs.getLong("id"), Kind.fromCode(rs.getString("kind")),
				Channel.fromCode(rs.getString("channel")), rs.getString("recipient"), rs.getString("ticket_key"),
				rs.getString("source_event"), rs.getString("subject"),
				Notification.Status.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)), rs.getInt("attempts"),
				rs.getString("last_error"), instant(rs, "created_at"), instant(rs, "next_attempt_at"),
				instant(rs, "sent_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return value == null ? null : value.toInstant();
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	static String abbreviate(String value, int max) {
		return value == null || value.length() <= max ? value : value.substring(0, max - 1) + "…";
	}

}
