package io.bugbridge.sla;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import io.bugbridge.ticket.Priority;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class SlaRepository {

	private static final String COLUMNS = "ticket_id, priority, started_at, first_response_at, resolved_at,"
			+ " paused_since, paused_seconds, first_response_breached, resolution_breached";

	private final JdbcClient jdbc;

	SlaRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<SlaClock> findForUpdate(long ticketId) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM ticket_sla WHERE ticket_id = :id FOR UPDATE")
			.param("id", ticketId)
			.query(SlaRepository::map)
			.optional();
	}

	List<SlaClock> findAll(Collection<Long> ticketIds) {
		if (ticketIds.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("SELECT " + COLUMNS + " FROM ticket_sla WHERE ticket_id IN (:ids)")
			.param("ids", ticketIds)
			.query(SlaRepository::map)
			.list();
	}

	void insert(SlaClock clock, SlaPolicy policy) {
		jdbc.sql("INSERT INTO ticket_sla (" + COLUMNS + ", first_response_alarm_at, resolution_alarm_at)"
				+ " VALUES (:id, :priority, :started, :responded, :resolved, :paused, :pausedSeconds, :firstBreached,"
				+ " :resolutionBreached, :firstAlarm, :resolutionAlarm)")
			.params(params(clock, policy))
			.update();
	}

	void update(SlaClock clock, SlaPolicy policy) {
		jdbc.sql("""
				UPDATE ticket_sla SET priority = :priority, started_at = :started, first_response_at = :responded,
				    resolved_at = :resolved, paused_since = :paused, paused_seconds = :pausedSeconds,
				    first_response_breached = :firstBreached, resolution_breached = :resolutionBreached,
				    first_response_alarm_at = :firstAlarm, resolution_alarm_at = :resolutionAlarm
				WHERE ticket_id = :id""")
			.params(params(clock, policy))
			.update();
	}

	/** Running clocks whose due time has passed (two index range reads rather than one OR scan). */
	List<Long> dueBefore(Instant now, int limit) {
		java.util.TreeSet<Long> due = new java.util.TreeSet<>();
		for (String column : List.of("first_response_alarm_at", "resolution_alarm_at")) {
			due.addAll(jdbc.sql("SELECT ticket_id FROM ticket_sla WHERE " + column + " < :now ORDER BY " + column
					+ " FETCH FIRST " + limit + " ROWS ONLY")
				.param("now", utc(now))
				.query(Long.class)
				.list());
		}
		return due.stream().limit(limit).toList();
	}

	boolean markerExists(String name) {
		return jdbc.sql("SELECT COUNT(*) FROM app_marker WHERE name = :name").param("name", name).query(Long.class).single() > 0;
	}

	void setMarker(String name, Instant now) {
		jdbc.sql("INSERT INTO app_marker (name, done_at) VALUES (:name, :now) ON CONFLICT DO NOTHING")
			.param("name", name)
			.param("now", utc(now))
			.update();
	}

	/** Tickets that have no clock yet (created before SLAs were tracked, or imported). */
	List<Long> ticketsWithoutClock(long afterId, int limit) {
		return jdbc.sql("SELECT t.id FROM ticket t WHERE t.id > :after"
				+ " AND NOT EXISTS (SELECT 1 FROM ticket_sla s WHERE s.ticket_id = t.id)"
				+ " ORDER BY t.id FETCH FIRST " + limit + " ROWS ONLY")
			.param("after", afterId)
			.query(Long.class)
			.list();
	}

	/** Medians and breach counts of clocks that stopped in [from, to). */
	SlaMetrics metrics(Instant from, Instant to) {
		Double medianFirst = median("first_response_at", from, to);
		Double medianResolution = median("resolved_at", from, to);
		long[] first = measured("first_response_at", "first_response_breached", from, to);
		long[] resolution = measured("resolved_at", "resolution_breached", from, to);
		long breachedOpen = jdbc.sql("SELECT COUNT(*) FROM ticket_sla WHERE resolved_at IS NULL"
				+ " AND (first_response_breached = TRUE OR resolution_breached = TRUE)")
			.query(Long.class)
			.single();
		return new SlaMetrics(seconds(medianFirst), seconds(medianResolution), first[0], first[1], resolution[0],
				resolution[1], breachedOpen);
	}

	private Double median(String endColumn, Instant from, Instant to) {
		return jdbc.sql("SELECT PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM " + endColumn
				+ ") - EXTRACT(EPOCH FROM started_at)) FROM ticket_sla WHERE " + endColumn + " >= :from AND "
				+ endColumn + " < :to")
			.param("from", utc(from))
			.param("to", utc(to))
			.query((rs, n) -> {
				double value = rs.getDouble(1);
				return rs.wasNull() ? Double.NaN : value;
			})
			.list()
			.stream()
			.filter(value -> !value.isNaN())
			.findFirst()
			.orElse(null);
	}

	private long[] measured(String endColumn, String breachedColumn, Instant from, Instant to) {
		return jdbc.sql("SELECT COUNT(*), COALESCE(SUM(CASE WHEN " + breachedColumn + " = TRUE THEN 1 ELSE 0 END), 0)"
				+ " FROM ticket_sla WHERE " + endColumn + " >= :from AND " + endColumn + " < :to")
			.param("from", utc(from))
			.param("to", utc(to))
			.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) })
			.single();
	}

	private static java.time.Duration seconds(Double value) {
		return value == null ? null : java.time.Duration.ofMillis(Math.round(value * 1000));
	}

	private static java.util.Map<String, Object> params(SlaClock clock, SlaPolicy policy) {
		java.util.Map<String, Object> params = new java.util.HashMap<>();
		params.put("id", clock.ticketId());
		params.put("priority", clock.priority().label());
		params.put("started", utc(clock.startedAt()));
		params.put("responded", utc(clock.firstResponseAt()));
		params.put("resolved", utc(clock.resolvedAt()));
		params.put("paused", utc(clock.pausedSince()));
		params.put("pausedSeconds", clock.pausedSeconds());
		params.put("firstBreached", clock.firstResponseBreached());
		params.put("resolutionBreached", clock.resolutionBreached());
		params.put("firstAlarm", utc(clock.firstResponseAlarm(policy)));
		params.put("resolutionAlarm", utc(clock.resolutionAlarm(policy)));
		return params;
	}

	private static SlaClock map(ResultSet rs, int row) throws SQLException {
		return new SlaClock(rs.getLong("ticket_id"), Priority.fromLabel(rs.getString("priority")),
				instant(rs, "started_at"), instant(rs, "first_response_at"), instant(rs, "resolved_at"),
				instant(rs, "paused_since"), rs.getLong("paused_seconds"), rs.getBoolean("first_response_breached"),
				rs.getBoolean("resolution_breached"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return value == null ? null : value.toInstant();
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
	}

}
