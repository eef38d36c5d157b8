package io.bugbridge.ticket;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Aggregate questions about tickets that reports ask, answered with indexed queries. */
@Service
@Transactional(readOnly = true)
public class TicketStatistics {

	private final JdbcClient jdbc;

	private final TicketRepository tickets;

	TicketStatistics(JdbcClient jdbc, TicketRepository tickets) {
		this.jdbc = jdbc;
		this.tickets = tickets;
	}

	/** Tickets opened in [from, to), by type. */
	public Map<TicketType, Long> createdByType(Instant from, Instant to) {
		Map<TicketType, Long> counts = new EnumMap<>(TicketType.class);
		jdbc.sql("SELECT issue_type, COUNT(*) AS n FROM ticket WHERE created_at >= :from AND created_at < :to"
				+ " AND deleted_at IS NULL GROUP BY issue_type")
			.param("from", utc(from))
			.param("to", utc(to))
			.query((rs, n) -> counts.put(TicketType.fromLabel(rs.getString("issue_type")), rs.getLong("n")))
			.list();
		return counts;
	}

	/** The customers who opened most tickets in [from, to), most first. */
	public List<CustomerCount> topCustomers(Instant from, Instant to, int limit) {
		return jdbc.sql("SELECT customer_id, COUNT(*) AS n FROM ticket WHERE created_at >= :from AND created_at < :to"
				+ " AND customer_id IS NOT NULL AND deleted_at IS NULL GROUP BY customer_id ORDER BY n DESC, customer_id FETCH FIRST " + limit
				+ " ROWS ONLY")
			.param("from", utc(from))
			.param("to", utc(to))
			.query((rs, n) -> new CustomerCount(rs.getString("customer_id"), rs.getLong("n")))
			.list();
	}

	/** Unresolved tickets, oldest first. */
	public List<Ticket> oldestOpen(int limit) {
		List<Long> ids = jdbc.sql("SELECT id FROM ticket WHERE status NOT IN ('Resolved', 'Closed') AND deleted_at IS NULL"
				+ " ORDER BY created_at, id FETCH FIRST " + limit + " ROWS ONLY")
			.query(Long.class)
			.list();
		return tickets.findAllById(ids);
	}

	/** Tickets in {@code status} not updated since {@code before}, least recently updated first. */
	public List<Ticket> idleSince(Status status, Instant before, int limit) {
		List<Long> ids = jdbc.sql("SELECT id FROM ticket WHERE status = :status AND updated_at < :before AND deleted_at IS NULL"
				+ " ORDER BY updated_at, id FETCH FIRST " + limit + " ROWS ONLY")
			.param("status", status.label())
			.param("before", utc(before))
			.query(Long.class)
			.list();
		return tickets.findAllById(ids);
	}

	/**
	 * Tickets opened and resolved on each UTC day from {@code firstDay} to {@code lastDay}
	 * (inclusive), every day present, oldest first. "Resolved" counts moves into Resolved or Closed
	 * from an unresolved status, so a ticket resolved and then closed counts once, and one reopened
	 * and resolved again counts again. Deleted tickets (their tracker issue was deleted) count in
	 * neither, as they show nowhere else.
	 */
	public List<DailyFlow> openedAndResolvedPerDay(LocalDate firstDay, LocalDate lastDay) {
		Instant from = firstDay.atStartOfDay(ZoneOffset.UTC).toInstant();
		Instant to = lastDay.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
		Map<Long, Long> opened = perDay("SELECT " + utcDay("created_at") + " AS d FROM ticket"
				+ " WHERE created_at >= :from AND created_at < :to AND deleted_at IS NULL", from, to);
		Map<Long, Long> resolved = perDay("SELECT " + utcDay("h.occurred_at") + " AS d FROM ticket_history h"
				+ " JOIN ticket t ON t.id = h.ticket_id AND t.deleted_at IS NULL"
				+ " WHERE h.field = 'status' AND h.occurred_at >= :from AND h.occurred_at < :to"
				+ " AND h.new_value IN ('Resolved', 'Closed')"
				+ " AND (h.old_value IS NULL OR h.old_value NOT IN ('Resolved', 'Closed'))", from, to);
		List<DailyFlow> days = new ArrayList<>();
		for (LocalDate day = firstDay; !day.isAfter(lastDay); day = day.plusDays(1)) {
			long epochDay = day.toEpochDay();
			days.add(new DailyFlow(day, opened.getOrDefault(epochDay, 0L), resolved.getOrDefault(epochDay, 0L)));
		}
		return days;
	}

	private Map<Long, Long> perDay(String rows, Instant from, Instant to) {
		Map<Long, Long> counts = new HashMap<>();
		jdbc.sql("SELECT d, COUNT(*) AS n FROM (" + rows + ") days GROUP BY d")
			.param("from", utc(from))
			.param("to", utc(to))
			.query((rs, n) -> counts.put(rs.getLong("d"), rs.getLong("n")))
			.list();
		return counts;
	}

	/** Days since 1970-01-01 in UTC; the same expression works on PostgreSQL and H2. */
	private static String utcDay(String column) {
		return "CAST(FLOOR(EXTRACT(EPOCH FROM " + column + ") / 86400) AS BIGINT)";
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	public record CustomerCount(String customerId, long tickets) {
	}

	/** One UTC day of the dashboard's opened-versus-resolved chart. */
	public record DailyFlow(LocalDate day, long opened, long resolved) {
	}

}
