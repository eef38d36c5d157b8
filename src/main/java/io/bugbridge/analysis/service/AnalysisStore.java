package io.bugbridge.analysis.service;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import io.bugbridge.analysis.BugAnalysis;
import io.bugbridge.analysis.BugAnalysis.State;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The {@code bug_analysis} table. */
@Repository
class AnalysisStore {

	private static final String COLUMNS = "a.id, t.ticket_key, a.state, a.progress, a.progress_message, a.engine,"
			+ " a.analysis_text, a.result_json, a.pull_request_url, a.requested_at, a.finished_at, a.error, a.commit_id,"
			+ " a.confidence, a.model, a.usage_json, a.readiness, a.automatic";

	private final JdbcClient jdbc;

	private final JsonMapper json;

	AnalysisStore(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/**
	 * Inserts a queued analysis unless the ticket already has an active one; returns the new id, or
	 * empty when one is active. The unique active key decides, also between nodes.
	 */
	Optional<Long> insertQueued(long ticketId, String codebase, String requestedBy, boolean automatic, Instant now) {
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		int inserted = jdbc.sql("""
				INSERT INTO bug_analysis (ticket_id, active_ticket_id, state, progress, progress_message, codebase, engine,
				    requested_by, requested_at, automatic)
				VALUES (:ticket, :ticket, 'QUEUED', 0, 'Waiting for a free worker', :codebase, :engine, :by, :now, :automatic)
				ON CONFLICT DO NOTHING""")
			.param("ticket", ticketId)
			.param("codebase", codebase)
			.param("engine", AnalysisWriter.ENGINE)
			.param("by", requestedBy)
			.param("now", utc(now))
			.param("automatic", automatic)
			.update(keys, "id");
		return inserted == 0 ? Optional.empty() : Optional.of(keys.getKeyAs(Number.class).longValue());
	}

	int activeCount() {
		return jdbc.sql("SELECT COUNT(*) FROM bug_analysis WHERE active_ticket_id IS NOT NULL").query(Integer.class).single();
	}

	Optional<BugAnalysis> active(long ticketId) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM bug_analysis a JOIN ticket t ON t.id = a.ticket_id"
				+ " WHERE a.active_ticket_id = :ticket")
			.param("ticket", ticketId)
			.query(this::map)
			.optional();
	}

	Optional<BugAnalysis> find(long id) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM bug_analysis a JOIN ticket t ON t.id = a.ticket_id WHERE a.id = :id")
			.param("id", id)
			.query(this::map)
			.optional();
	}

	Optional<Long> ticketOf(long analysisId) {
		return jdbc.sql("SELECT ticket_id FROM bug_analysis WHERE id = :id").param("id", analysisId).query(Long.class).optional();
	}

	boolean automatic(long analysisId) {
		return jdbc.sql("SELECT automatic FROM bug_analysis WHERE id = :id")
			.param("id", analysisId)
			.query(Boolean.class)
			.optional()
			.orElse(false);
	}

	Optional<String> codebaseOf(long analysisId) {
		return jdbc.sql("SELECT codebase FROM bug_analysis WHERE id = :id")
			.param("id", analysisId)
			.query(String.class)
			.optional();
	}

	List<BugAnalysis> history(long ticketId) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM bug_analysis a JOIN ticket t ON t.id = a.ticket_id"
				+ " WHERE a.ticket_id = :ticket ORDER BY a.id DESC")
			.param("ticket", ticketId)
			.query(this::map)
			.list();
	}

	void progress(long id, State state, int progress, String message, Instant now) {
		jdbc.sql("UPDATE bug_analysis SET state = :state, progress = :progress, progress_message = :message,"
				+ " started_at = COALESCE(started_at, :now) WHERE id = :id AND active_ticket_id IS NOT NULL")
			.param("state", state.name())
			.param("progress", progress)
			.param("message", message)
			.param("now", utc(now))
			.param("id", id)
			.update();
	}

	void finish(long id, String commit, AnalysisWriter.Result result, Instant now) {
		finish(id, commit, result, Outcome.offline(), now);
	}

	/**
	 * Stores a finished analysis. With an error it is FAILED (e.g. Claude stopped) but still carries
	 * the fallback analysis, so the admin has the offline evidence while deciding to retry.
	 */
	void finish(long id, String commit, AnalysisWriter.Result result, Outcome outcome, Instant now) {
		jdbc.sql("""
				UPDATE bug_analysis SET state = :state, progress = 100, progress_message = :message, active_ticket_id = NULL,
				    commit_id = :commit, confidence = :confidence, analysis_text = :text, result_json = :result,
				    engine = :engine, model = :model, usage_json = :usage, readiness = :readiness,
				    finished_at = :now, error = :error
				WHERE id = :id""")
			.param("state", outcome.error() == null ? "DONE" : "FAILED")
			.param("message", outcome.error() == null ? "Done" : "Failed")
			.param("commit", commit)
			.param("confidence", result.confidence())
			.param("text", result.text())
			.param("result", json.writeValueAsString(Stored.of(result, outcome)))
			.param("engine", outcome.engine())
			.param("model", outcome.model())
			.param("usage", outcome.usage() == null ? null : json.writeValueAsString(outcome.usage()))
			.param("readiness", outcome.readiness())
			.param("now", utc(now))
			.param("error", outcome.error() == null ? null : clip(outcome.error()))
			.param("id", id)
			.update();
	}

	/**
	 * How a result was produced.
	 *
	 * @param error why the preferred engine failed, when the result is a fallback
	 */
	record Outcome(String engine, String model, io.bugbridge.agent.Usage usage, Integer readiness, String understanding,
			java.util.List<String> dropped, String error) {

		static Outcome offline() {
			return new Outcome(AnalysisWriter.ENGINE, null, null, null, null, List.of(), null);
		}

	}

	void fail(long id, String error, Instant now) {
		jdbc.sql("UPDATE bug_analysis SET state = 'FAILED', progress_message = 'Failed', active_ticket_id = NULL,"
				+ " error = :error, finished_at = :now WHERE id = :id")
			.param("error", clip(error))
			.param("now", utc(now))
			.param("id", id)
			.update();
	}

	private BugAnalysis map(ResultSet rs, int row) throws SQLException {
		String resultJson = rs.getString("result_json");
		Stored stored = resultJson == null ? Stored.EMPTY : json.readValue(resultJson, Stored.class);
		String usageJson = rs.getString("usage_json");
		Integer readiness = rs.getObject("readiness") == null ? null : rs.getInt("readiness");
		String confidence = rs.getString("confidence");
		var details = new BugAnalysis.Details(rs.getString("commit_id"), stored.understanding(),
				confidence == null ? null : confidence.toLowerCase(java.util.Locale.ROOT), rs.getString("model"),
				usageJson == null ? null : json.readValue(usageJson, io.bugbridge.agent.Usage.class), stored.dropped(),
				readiness, rs.getBoolean("automatic"));
		return new BugAnalysis(rs.getLong("id"), rs.getString("ticket_key"), State.valueOf(rs.getString("state")),
				rs.getInt("progress"), rs.getString("progress_message"), rs.getString("analysis_text"), stored.files(),
				stored.fixApproach(), stored.hypotheses(), stored.sideEffects(), stored.effort(), stored.risk(),
				rs.getString("engine"), rs.getString("pull_request_url"), instant(rs, "requested_at"),
				instant(rs, "finished_at"), rs.getString("error"), details);
	}

	private static String clip(String error) {
		return error.length() > 4000 ? error.substring(0, 3997) + "..." : error;
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return value == null ? null : value.toInstant();
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	/** The structured part of a result, stored as JSON. */
	record Stored(List<BugAnalysis.SuggestedFile> files, String fixApproach, List<String> hypotheses,
			List<String> sideEffects, String effort, String risk, String understanding, List<String> dropped) {

		static final Stored EMPTY = new Stored(List.of(), null, List.of(), List.of(), null, null, null, List.of());

		static Stored of(AnalysisWriter.Result result, Outcome outcome) {
			return new Stored(result.files(), result.fixApproach(), result.hypotheses(), result.sideEffects(),
					result.effort(), result.risk(), outcome.understanding(), outcome.dropped());
		}

	}

}
