package io.bugbridge.jira;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the soak found in the end, read from the service's database over JDBC (the service runs in
 * another process) and from the Jira simulator: every local ticket must have exactly one Jira issue
 * (label {@code bb-<id>}), every accepted comment must be in Jira exactly once.
 */
record SoakChecks(int tickets, List<String> missing, List<String> duplicated, List<String> commentProblems,
		long deadLetters, long backlog) {

	/** The service's database as this JVM reaches it. */
	record Database(String url, String user, String password) {

		long count(String sql) throws SQLException {
			try (Connection connection = connect(); Statement statement = connection.createStatement();
					ResultSet rows = statement.executeQuery(sql)) {
				rows.next();
				return rows.getLong(1);
			}
		}

		long backlog() throws SQLException {
			return count("SELECT COUNT(*) FROM jira_outbox WHERE failed_at IS NULL");
		}

		long ticketsWithoutLink() throws SQLException {
			return count("SELECT COUNT(*) FROM ticket t WHERE t.deleted_at IS NULL"
					+ " AND NOT EXISTS (SELECT 1 FROM jira_link l WHERE l.ticket_id = t.id)");
		}

		Connection connect() throws SQLException {
			return DriverManager.getConnection(url, user, password);
		}

	}

	/** {@code comments}: marker → the key it was posted to (maybe provisional; aliases resolve it). */
	static SoakChecks of(Database database, JiraSimulator jira, Map<String, String> comments) throws SQLException {
		Map<Long, String> tickets = new HashMap<>();
		Map<String, Long> aliases = new HashMap<>();
		try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
			try (ResultSet rows = statement.executeQuery("SELECT id, ticket_key FROM ticket WHERE deleted_at IS NULL")) {
				while (rows.next()) {
					tickets.put(rows.getLong(1), rows.getString(2));
				}
			}
			try (ResultSet rows = statement.executeQuery("SELECT alias_key, ticket_id FROM ticket_alias")) {
				while (rows.next()) {
					aliases.put(rows.getString(1), rows.getLong(2));
				}
			}
		}
		List<String> missing = new ArrayList<>();
		List<String> duplicated = new ArrayList<>();
		tickets.forEach((id, key) -> {
			int n = jira.issuesLabelled("bb-" + id).size();
			if (n == 0) {
				missing.add(key);
			}
			else if (n > 1) {
				duplicated.add(key + " x" + n);
			}
		});
		// Counted over all of the ticket's issues, so that a duplicated issue is reported once, above,
		// and does not also make each of its comments look lost.
		List<String> commentProblems = new ArrayList<>();
		comments.forEach((marker, key) -> {
			Long id = aliases.get(key);
			long copies = id == null ? 0 : jira.issuesLabelled("bb-" + id).stream()
				.flatMap(issue -> issue.comments().stream())
				.filter(c -> c.toString().contains(marker))
				.count();
			if (copies != 1) {
				commentProblems.add(marker + " on " + key + " x" + copies);
			}
		});
		return new SoakChecks(tickets.size(), missing, duplicated, commentProblems,
				database.count("SELECT COUNT(*) FROM jira_outbox WHERE failed_at IS NOT NULL"), database.backlog());
	}

	String describe(int jiraIssues, int commentsAccepted) {
		String out = String.format(Locale.ROOT,
				"local tickets %d; Jira issues %d; missing %d; duplicated %d; comments accepted %d, not exactly"
						+ " once %d; dead letters %d; backlog %d%n",
				tickets, jiraIssues, missing.size(), duplicated.size(), commentsAccepted, commentProblems.size(),
				deadLetters, backlog);
		if (!missing.isEmpty() || !duplicated.isEmpty() || !commentProblems.isEmpty()) {
			out += "missing " + missing.stream().limit(20).toList() + "; duplicated "
					+ duplicated.stream().limit(20).toList() + "; comments "
					+ commentProblems.stream().limit(20).toList() + "\n";
		}
		return out;
	}

}
