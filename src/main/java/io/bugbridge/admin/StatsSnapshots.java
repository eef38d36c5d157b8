package io.bugbridge.admin;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The one-row table holding the latest {@link StatsSnapshot}. */
@Repository
class StatsSnapshots {

	private final JdbcClient jdbc;

	StatsSnapshots(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<StatsSnapshot> latest() {
		return jdbc.sql("SELECT * FROM stats_snapshot WHERE id = 1").query(StatsSnapshots::map).optional();
	}

	void save(StatsSnapshot s) {
		int updated = jdbc.sql("""
				UPDATE stats_snapshot SET computed_at = :at, window_days = :window,
				    median_first_response_seconds = :medianFirst, median_resolution_seconds = :medianResolution,
				    first_response_measured = :firstMeasured, first_response_breached = :firstBreached,
				    resolution_measured = :resolutionMeasured, resolution_breached = :resolutionBreached,
				    breached_open = :breachedOpen, ratings = :ratings, satisfied = :satisfied
				WHERE id = 1""").params(params(s)).update();
		if (updated == 0) {
			insertOrUpdate(s);
		}
	}

	/** Two nodes (or requests) computing the first snapshot at once: one inserts, the other updates. */
	private void insertOrUpdate(StatsSnapshot s) {
		try {
			jdbc.sql("""
					INSERT INTO stats_snapshot (id, computed_at, window_days, median_first_response_seconds,
					    median_resolution_seconds, first_response_measured, first_response_breached,
					    resolution_measured, resolution_breached, breached_open, ratings, satisfied)
					VALUES (1, :at, :window, :medianFirst, :medianResolution, :firstMeasured, :firstBreached,
					    :resolutionMeasured, :resolutionBreached, :breachedOpen, :ratings, :satisfied)""")
				.params(params(s))
				.update();
		}
		catch (org.springframework.dao.DuplicateKeyException raced) {
			save(s);
		}
	}

	private static java.util.Map<String, Object> params(StatsSnapshot s) {
		java.util.Map<String, Object> p = new java.util.HashMap<>();
		p.put("at", s.computedAt().atOffset(ZoneOffset.UTC));
		p.put("window", s.windowDays());
		p.put("medianFirst", s.medianFirstResponse() == null ? null : s.medianFirstResponse().toSeconds());
		p.put("medianResolution", s.medianResolution() == null ? null : s.medianResolution().toSeconds());
		p.put("firstMeasured", s.firstResponseMeasured());
		p.put("firstBreached", s.firstResponseBreached());
		p.put("resolutionMeasured", s.resolutionMeasured());
		p.put("resolutionBreached", s.resolutionBreached());
		p.put("breachedOpen", s.breachedOpen());
		p.put("ratings", s.ratings());
		p.put("satisfied", s.satisfied());
		return p;
	}

	private static StatsSnapshot map(ResultSet rs, int row) throws SQLException {
		long medianFirst = rs.getLong("median_first_response_seconds");
		boolean noFirst = rs.wasNull();
		long medianResolution = rs.getLong("median_resolution_seconds");
		boolean noResolution = rs.wasNull();
		return new StatsSnapshot(rs.getObject("computed_at", OffsetDateTime.class).toInstant(), rs.getInt("window_days"),
				noFirst ? null : Duration.ofSeconds(medianFirst), noResolution ? null : Duration.ofSeconds(medianResolution),
				rs.getLong("first_response_measured"), rs.getLong("first_response_breached"),
				rs.getLong("resolution_measured"), rs.getLong("resolution_breached"), rs.getLong("breached_open"),
				rs.getLong("ratings"), rs.getLong("satisfied"));
	}

}
