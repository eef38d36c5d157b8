package io.bugbridge.ticket;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
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

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	public record CustomerCount(String customerId, long tickets) {
	}

}
