package io.bugbridge.fix;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import io.bugbridge.agent.Usage;
import io.bugbridge.fix.FixRun.State;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The {@code fix_run} table. */
@Repository
class FixStore {

	private static final String COLUMNS = "f.id, t.ticket_key, f.state, f.progress_message, f.create_pr, f.repository,"
			+ " f.branch, f.base_commit, f.head_commit, f.pr_number, f.pr_url, f.summary, f.diff, f.result_json,"
			+ " f.usage_json, f.error, f.check_retries, f.requested_at, f.pr_opened_at, f.decided_at, f.finished_at";

	private static final String FROM = " FROM fix_run f JOIN ticket t ON t.id = f.ticket_id";

	private final JdbcClient jdbc;

	private final JsonMapper json;

	FixStore(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/** A queued run unless the ticket has an active one (the unique key decides, also between nodes). */
	Optional<Long> insertQueued(long ticketId, String repository, boolean createPr, String branch, String by, Instant now) {
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		int inserted = jdbc.sql("""
				INSERT INTO fix_run (ticket_id, active_ticket_id, state, progress_message, create_pr, repository, branch,
				    requested_by, requested_at)
				VALUES (:ticket, :ticket, 'QUEUED', 'Waiting for a free worker', :pr, :repository, :branch, :by, :now)
				ON CONFLICT DO NOTHING""")
			.param("ticket", ticketId)
			.param("pr", createPr)
			.param("repository", repository)
			.param("branch", branch)
			.param("by", by)
			.param("now", utc(now))
			.update(keys, "id");
		return inserted == 0 ? Optional.empty() : Optional.of(keys.getKeyAs(Number.class).longValue());
	}

	Optional<FixRun> active(long ticketId) {
		return jdbc.sql("SELECT " + COLUMNS + FROM + " WHERE f.active_ticket_id = :ticket")
			.param("ticket", ticketId)
			.query(this::map)
			.optional();
	}

	Optional<FixRun> find(long id) {
		return jdbc.sql("SELECT " + COLUMNS + FROM + " WHERE f.id = :id").param("id", id).query(this::map).optional();
	}

	List<FixRun> history(long ticketId) {
		return jdbc.sql("SELECT " + COLUMNS + FROM + " WHERE f.ticket_id = :ticket ORDER BY f.id DESC")
			.param("ticket", ticketId)
			.query(this::map)
			.list();
	}

	/** The run that opened the pull request of a branch, most recent first. */
	Optional<FixRun> byBranch(String branch) {
		return jdbc.sql("SELECT " + COLUMNS + FROM + " WHERE f.branch = :branch AND f.pr_number IS NOT NULL"
				+ " ORDER BY f.id DESC")
			.param("branch", branch)
			.query(this::map)
			.list()
			.stream()
			.findFirst();
	}

	/** Earlier runs of the ticket whose pull request is still open: a new run updates that one. */
	Optional<FixRun> openPullRequest(long ticketId) {
		return jdbc.sql("SELECT " + COLUMNS + FROM + " WHERE f.ticket_id = :ticket AND f.state = 'PR_OPEN' ORDER BY f.id DESC")
			.param("ticket", ticketId)
			.query(this::map)
			.list()
			.stream()
			.findFirst();
	}

	List<FixRun> withOpenPullRequests() {
		return jdbc.sql("SELECT " + COLUMNS + FROM + " WHERE f.state = 'PR_OPEN' ORDER BY f.id").query(this::map).list();
	}

	FixResult result(long id) {
		String value = jdbc.sql("SELECT result_json FROM fix_run WHERE id = :id").param("id", id).query(String.class).single();
		return value == null ? FixResult.EMPTY : json.readValue(value, FixResult.class);
	}

	long ticketOf(long runId) {
		return jdbc.sql("SELECT ticket_id FROM fix_run WHERE id = :id").param("id", runId).query(Long.class).single();
	}

	void progress(long id, State state, String message) {
		jdbc.sql("UPDATE fix_run SET state = :state, progress_message = :message WHERE id = :id")
			.param("state", state.name())
			.param("message", clip(message, 255))
			.param("id", id)
			.update();
	}

	void worked(long id, String baseCommit, String diff, FixResult result, Usage usage) {
		jdbc.sql("""
				UPDATE fix_run SET base_commit = :base, diff = :diff, result_json = :result, summary = :summary,
				    usage_json = :usage, cost_usd = :cost WHERE id = :id""")
			.param("base", baseCommit)
			.param("diff", diff == null ? null : clip(diff, 1_000_000))
			.param("result", json.writeValueAsString(result))
			.param("summary", result.summary() == null ? null : clip(result.summary(), 4000))
			.param("usage", usage == null ? null : json.writeValueAsString(usage))
			.param("cost", usage == null ? null : usage.usd())
			.param("id", id)
			.update();
	}

	void pushed(long id, String headCommit) {
		jdbc.sql("UPDATE fix_run SET state = 'PUSHED', head_commit = :head, progress_message = 'Pushed' WHERE id = :id")
			.param("head", headCommit)
			.param("id", id)
			.update();
	}

	void prOpened(long id, int number, String url, Instant now) {
		jdbc.sql("""
				UPDATE fix_run SET state = 'PR_OPEN', pr_number = :number, pr_url = :url, active_ticket_id = NULL,
				    progress_message = 'Pull request open', pr_opened_at = COALESCE(pr_opened_at, :now), finished_at = :now,
				    error = NULL
				WHERE id = :id""")
			.param("number", number)
			.param("url", url)
			.param("now", utc(now))
			.param("id", id)
			.update();
	}

	/** A run that ended without a pull request: TESTED, FAILED or CANCELLED. */
	void end(long id, State state, String error, Instant now) {
		jdbc.sql("""
				UPDATE fix_run SET state = :state, active_ticket_id = NULL, progress_message = :message, error = :error,
				    finished_at = :now WHERE id = :id""")
			.param("state", state.name())
			.param("message", state == State.TESTED ? "Fix tested; not pushed" : state.name().toLowerCase())
			.param("error", error == null ? null : clip(error, 4000))
			.param("now", utc(now))
			.param("id", id)
			.update();
	}

	/** The pull request was merged or closed: decided once, whatever delivers the news first. */
	boolean decide(long id, State outcome, Instant at) {
		return jdbc.sql("UPDATE fix_run SET state = :state, decided_at = :at, progress_message = :message"
				+ " WHERE id = :id AND state = 'PR_OPEN'")
			.param("state", outcome.name())
			.param("at", utc(at))
			.param("message", outcome == State.MERGED ? "Pull request merged" : "Pull request closed without merging")
			.param("id", id)
			.update() == 1;
	}

	/** Takes an open pull request's run back to work for a repair attempt, if the ticket has no other active run. */
	boolean reopenForRetry(long id, long ticketId, String failures) {
		try {
			return jdbc.sql("""
					UPDATE fix_run SET state = 'QUEUED', active_ticket_id = :ticket, check_retries = check_retries + 1,
					    repair_log = :log, progress_message = 'Repairing after failing checks'
					WHERE id = :id AND state = 'PR_OPEN'""")
				.param("ticket", ticketId)
				.param("log", clip(failures, 8000))
				.param("id", id)
				.update() == 1;
		}
		catch (org.springframework.dao.DataIntegrityViolationException ex) {
			return false;
		}
	}

	void note(long id, String error) {
		jdbc.sql("UPDATE fix_run SET error = :error WHERE id = :id").param("error", clip(error, 4000)).param("id", id).update();
	}

	Optional<String> repairLog(long id) {
		return jdbc.sql("SELECT repair_log FROM fix_run WHERE id = :id AND state IN ('QUEUED', 'WORKING')")
			.param("id", id)
			.query(String.class)
			.optional()
			.filter(log -> !log.isBlank());
	}

	/** Cancels a run nobody has started yet; a started run stops at its next step instead. */
	boolean cancelQueued(long id, Instant now) {
		return jdbc.sql("UPDATE fix_run SET state = 'CANCELLED', active_ticket_id = NULL, progress_message = 'cancelled',"
				+ " error = 'Cancelled by an admin', finished_at = :now WHERE id = :id AND state = 'QUEUED'")
			.param("now", utc(now))
			.param("id", id)
			.update() == 1;
	}

	boolean cancelRequested(long id) {
		return jdbc.sql("SELECT cancel_requested FROM fix_run WHERE id = :id").param("id", id).query(Boolean.class).single();
	}

	void requestCancel(long id) {
		jdbc.sql("UPDATE fix_run SET cancel_requested = TRUE WHERE id = :id").param("id", id).update();
	}

	/** Counts for the success rate and the cost per merged fix. */
	AutoFixService.Stats stats() {
		record Row(String state, Instant requested, Instant opened, BigDecimal cost) {
		}
		List<Row> rows = jdbc.sql("SELECT state, requested_at, pr_opened_at, cost_usd FROM fix_run")
			.query((rs, i) -> new Row(rs.getString("state"), instant(rs, "requested_at"), instant(rs, "pr_opened_at"),
					rs.getBigDecimal("cost_usd")))
			.list();
		long opened = rows.stream().filter(r -> r.opened() != null).count();
		long merged = rows.stream().filter(r -> r.state().equals("MERGED")).count();
		long closed = rows.stream().filter(r -> r.state().equals("CLOSED")).count();
		List<Double> minutes = rows.stream()
			.filter(r -> r.opened() != null)
			.map(r -> java.time.Duration.between(r.requested(), r.opened()).toSeconds() / 60.0)
			.sorted()
			.toList();
		Double median = minutes.isEmpty() ? null : minutes.size() % 2 == 1 ? minutes.get(minutes.size() / 2)
				: (minutes.get(minutes.size() / 2 - 1) + minutes.get(minutes.size() / 2)) / 2;
		BigDecimal spent = rows.stream().map(Row::cost).filter(c -> c != null).reduce(BigDecimal.ZERO, BigDecimal::add);
		return new AutoFixService.Stats(opened, merged, closed,
				merged + closed == 0 ? null : Math.round(1000.0 * merged / (merged + closed)) / 1000.0,
				median == null ? null : Math.round(median * 10) / 10.0,
				merged == 0 ? null : spent.divide(BigDecimal.valueOf(merged), 4, java.math.RoundingMode.HALF_UP));
	}

	private FixRun map(ResultSet rs, int row) throws SQLException {
		String resultJson = rs.getString("result_json");
		FixResult result = resultJson == null ? FixResult.EMPTY : json.readValue(resultJson, FixResult.class);
		String usageJson = rs.getString("usage_json");
		return new FixRun(rs.getLong("id"), rs.getString("ticket_key"), State.valueOf(rs.getString("state")),
				rs.getString("progress_message"), rs.getBoolean("create_pr"), rs.getString("repository"),
				rs.getString("branch"), rs.getString("base_commit"), rs.getString("head_commit"),
				(Integer) rs.getObject("pr_number", Integer.class), rs.getString("pr_url"), rs.getString("summary"),
				rs.getString("diff"), result.verification(), result.changedFiles(),
				usageJson == null ? null : json.readValue(usageJson, Usage.class), rs.getString("error"),
				rs.getInt("check_retries"), instant(rs, "requested_at"), instant(rs, "pr_opened_at"),
				instant(rs, "decided_at"), instant(rs, "finished_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return value == null ? null : value.toInstant();
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	private static String clip(String text, int max) {
		return text.length() <= max ? text : text.substring(0, max - 3) + "...";
	}

}
