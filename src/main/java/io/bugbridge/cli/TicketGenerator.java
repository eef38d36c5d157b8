package io.bugbridge.cli;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;

import javax.sql.DataSource;

/**
 * Fills the ticket tables with plausible data for benchmarks: two years of tickets across many
 * customer accounts (a few large, most small), mostly resolved, with comments on some and SLA
 * clocks on all. Writes with JDBC batches straight into the tables, as a data migration would, so
 * a million tickets take minutes rather than hours.
 */
final class TicketGenerator {

	static final String[] WORDS = ("invoice export report login password dashboard payment checkout upload import sync"
			+ " integration quickbooks xero salesforce oauth token timeout error crash slow page button email"
			+ " notification pdf excel csv api webhook permission role user account billing subscription plan"
			+ " audit ledger balance reconciliation journal entry tax vat currency exchange rate mobile android"
			+ " ios browser chrome firefox safari safari session cookie cache search filter sort column table"
			+ " chart graph widget calendar schedule reminder approval workflow document attachment signature"
			+ " template branding logo theme dark mode accessibility keyboard screen reader translation language"
			+ " german french spanish date format timezone daylight import mapping field validation duplicate"
			+ " vendor customer supplier contract renewal discount coupon refund chargeback dispute statement")
		.split(" ");

	private static final String[] TYPES = { "Bug", "Bug", "Bug", "Bug", "Bug", "Feature", "Feature", "Feature",
			"Support", "Support" };

	private static final String[] PRIORITIES = { "Low", "Low", "Medium", "Medium", "Medium", "Medium", "High",
			"High", "Critical" };

	private static final String[] CATEGORIES = { "technical", "billing", "training", "account", "integration", "other" };

	private final DataSource dataSource;

	private final int customers;

	private final Random random = new Random(42);

	TicketGenerator(DataSource dataSource, int customers) {
		this.dataSource = dataSource;
		this.customers = customers;
	}

	static String customerId(int n) {
		return "customer-" + n;
	}

	/** Some combination of type, status and priority filters, as an admin clicks them. */
	static String randomFilters(Random r) {
		StringBuilder query = new StringBuilder("issue_type=" + TYPES[r.nextInt(TYPES.length)]);
		query.append("&status=").append(r.nextBoolean() ? "Open" : "In%20Progress");
		if (r.nextBoolean()) {
			query.append("&priority=").append(PRIORITIES[r.nextInt(PRIORITIES.length)]);
		}
		if (r.nextInt(4) == 0) {
			query.append("&sort=-priority");
		}
		return query.toString();
	}

	/** One or two words an admin types into the search box. */
	static String randomWords(Random r) {
		String words = WORDS[r.nextInt(WORDS.length)];
		return r.nextBoolean() ? words : words + "%20" + WORDS[r.nextInt(WORDS.length)];
	}

	void generate(long from, long to) throws SQLException {
		Instant now = Instant.now();
		Instant start = now.minus(Duration.ofDays(730));
		try (Connection connection = dataSource.getConnection()) {
			connection.setAutoCommit(false);
			try (PreparedStatement ticket = connection.prepareStatement("""
					INSERT INTO ticket (ticket_key, issue_type, summary, description, status, priority, reporter_email,
					    customer_id, assignee_email, environment, steps_to_reproduce, business_value, use_case, votes,
					    category, source, created_at, updated_at, version)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'portal', ?, ?, 0)""")) {
				for (long i = from; i < to; i++) {
					long minutes = (long) (random.nextDouble() * Duration.ofDays(730).toMinutes());
					Instant created = start.plus(Duration.ofMinutes(minutes));
					boolean recent = Duration.between(created, now).toDays() < 30;
					String status = status(recent);
					String type = TYPES[random.nextInt(TYPES.length)];
					Instant updated = created.plus(Duration.ofMinutes(10 + random.nextInt(60 * 24 * 10)));
					if (updated.isAfter(now)) {
						updated = now;
					}
					int customer = customer();
					ticket.setString(1, "BENCH-" + (i + 1));
					ticket.setString(2, type);
					ticket.setString(3, sentence(4 + random.nextInt(6)));
					ticket.setString(4, sentence(20 + random.nextInt(60)));
					ticket.setString(5, status);
					ticket.setString(6, PRIORITIES[random.nextInt(PRIORITIES.length)]);
					ticket.setString(7, "user" + customer + "-" + random.nextInt(5) + "@bench.example");
					ticket.setString(8, customerId(customer));
					ticket.setString(9, random.nextInt(3) == 0 ? null : "agent" + random.nextInt(20) + "@support.example");
					ticket.setString(10, type.equals("Bug") ? "Chrome 120, macOS" : null);
					ticket.setString(11, type.equals("Bug") ? sentence(10) : null);
					ticket.setString(12, type.equals("Feature") ? sentence(8) : null);
					ticket.setString(13, type.equals("Feature") ? sentence(8) : null);
					ticket.setInt(14, type.equals("Feature") ? random.nextInt(30) : 0);
					ticket.setString(15, type.equals("Support") ? CATEGORIES[random.nextInt(CATEGORIES.length)] : null);
					ticket.setObject(16, created.atOffset(ZoneOffset.UTC));
					ticket.setObject(17, updated.atOffset(ZoneOffset.UTC));
					ticket.addBatch();
					if ((i + 1) % 1000 == 0) {
						ticket.executeBatch();
						connection.commit();
					}
					if ((i + 1) % 100_000 == 0) {
						System.out.printf("  %d tickets%n", i + 1);
					}
				}
				ticket.executeBatch();
				connection.commit();
			}
			try (Statement sql = connection.createStatement()) {
				sql.executeUpdate("INSERT INTO ticket_alias (alias_key, ticket_id) SELECT t.ticket_key, t.id FROM ticket t"
						+ " WHERE NOT EXISTS (SELECT 1 FROM ticket_alias a WHERE a.ticket_id = t.id)");
				connection.commit();
			}
			comments(connection, now);
			clocks(connection, now);
			try (Statement sql = connection.createStatement()) {
				sql.executeUpdate("""
						UPDATE ticket_count SET tickets = CASE WHEN slot = 0 THEN (
						    SELECT COUNT(*) FROM ticket t WHERE t.issue_type = ticket_count.issue_type
						      AND t.status = ticket_count.status AND t.priority = ticket_count.priority)
						    ELSE 0 END""");
				connection.commit();
				if (connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres")) {
					// What autovacuum would have done by the time a real database holds this many tickets:
					// statistics for the planner and a visibility map, without which PostgreSQL cannot
					// answer from an index alone. VACUUM refuses to run inside a transaction.
					connection.setAutoCommit(true);
					sql.execute("VACUUM ANALYZE");
				}
			}
		}
	}

	/** A public staff reply on a fifth of the tickets, so full-text search covers comments too. */
	private void comments(Connection connection, Instant now) throws SQLException {
		try (PreparedStatement select = connection.prepareStatement(
				"SELECT id, created_at FROM ticket t WHERE NOT EXISTS (SELECT 1 FROM ticket_comment c WHERE c.ticket_id = t.id)"
						+ " AND MOD(t.id, 5) = 0");
				PreparedStatement insert = connection.prepareStatement("""
						INSERT INTO ticket_comment (ticket_id, author_email, author_name, author_kind, body, internal,
						    created_at, updated_at) VALUES (?, 'agent@support.example', 'Support', 'STAFF', ?, ?, ?, ?)""")) {
			int n = 0;
			try (var rows = select.executeQuery()) {
				while (rows.next()) {
					var at = rows.getObject(2, java.time.OffsetDateTime.class).plusHours(1 + random.nextInt(20));
					insert.setLong(1, rows.getLong(1));
					insert.setString(2, sentence(15 + random.nextInt(30)));
					insert.setBoolean(3, random.nextInt(3) == 0);
					insert.setObject(4, at);
					insert.setObject(5, at);
					insert.addBatch();
					if (++n % 1000 == 0) {
						insert.executeBatch();
					}
				}
			}
			insert.executeBatch();
			connection.commit();
		}
	}

	/** SLA clocks as the SLA module would have left them: stopped for resolved tickets, flagged when late. */
	private void clocks(Connection connection, Instant now) throws SQLException {
		try (PreparedStatement select = connection.prepareStatement("SELECT id, priority, status, created_at, updated_at"
				+ " FROM ticket t WHERE NOT EXISTS (SELECT 1 FROM ticket_sla s WHERE s.ticket_id = t.id)");
				PreparedStatement insert = connection.prepareStatement("""
						INSERT INTO ticket_sla (ticket_id, priority, started_at, first_response_at, resolved_at,
						    paused_since, paused_seconds, first_response_alarm_at, resolution_alarm_at,
						    first_response_breached, resolution_breached)
						VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)""")) {
			int n = 0;
			try (var rows = select.executeQuery()) {
				while (rows.next()) {
					String priority = rows.getString(2);
					boolean done = rows.getString(3).equals("Resolved") || rows.getString(3).equals("Closed");
					Instant created = rows.getObject(4, java.time.OffsetDateTime.class).toInstant();
					Instant updated = rows.getObject(5, java.time.OffsetDateTime.class).toInstant();
					Duration firstTarget = priority.equals("High") || priority.equals("Critical") ? Duration.ofHours(4)
							: Duration.ofHours(24);
					Duration resolutionTarget = switch (priority) {
						case "Critical" -> Duration.ofHours(24);
						case "High" -> Duration.ofHours(72);
						default -> Duration.ofDays(7);
					};
					Instant responded = random.nextInt(10) == 0 ? null
							: created.plus(Duration.ofMinutes(5 + random.nextInt(60 * 30)));
					if (responded != null && responded.isAfter(now)) {
						responded = null;
					}
					Instant resolved = done ? updated : null;
					boolean firstLate = (responded != null ? Duration.between(created, responded)
							: Duration.between(created, resolved != null ? resolved : now)).compareTo(firstTarget) > 0;
					boolean resolutionLate = Duration.between(created, resolved != null ? resolved : now)
						.compareTo(resolutionTarget) > 0;
					Instant firstAlarm = responded == null && !done && !firstLate ? created.plus(firstTarget) : null;
					Instant resolutionAlarm = !done && !resolutionLate ? created.plus(resolutionTarget) : null;
					insert.setLong(1, rows.getLong(1));
					insert.setString(2, priority);
					insert.setObject(3, created.atOffset(ZoneOffset.UTC));
					setInstant(insert, 4, responded != null ? responded : resolved);
					setInstant(insert, 5, resolved);
					setInstant(insert, 6, resolved);
					setInstant(insert, 7, firstAlarm);
					setInstant(insert, 8, resolutionAlarm);
					insert.setBoolean(9, firstLate);
					insert.setBoolean(10, resolutionLate);
					insert.addBatch();
					if (++n % 1000 == 0) {
						insert.executeBatch();
					}
				}
			}
			insert.executeBatch();
			connection.commit();
		}
	}

	private static void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException {
		if (value == null) {
			statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
		}
		else {
			statement.setObject(index, value.atOffset(ZoneOffset.UTC));
		}
	}

	private String status(boolean recent) {
		int roll = random.nextInt(100);
		if (recent) {
			return roll < 40 ? "Open" : roll < 70 ? "In Progress" : roll < 80 ? "Waiting for Customer" : "Resolved";
		}
		return roll < 3 ? "Open" : roll < 5 ? "In Progress" : roll < 55 ? "Resolved" : "Closed";
	}

	/** Zipf-like: a few customers file many tickets, most file a few. */
	private int customer() {
		double u = random.nextDouble();
		return (int) Math.min(customers - 1, Math.floor(Math.pow(u, 2.5) * customers));
	}

	private String sentence(int words) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < words; i++) {
			if (i > 0) {
				text.append(' ');
			}
			text.append(WORDS[random.nextInt(WORDS.length)]);
		}
		return text.toString();
	}

}
