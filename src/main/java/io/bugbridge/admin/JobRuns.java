package io.bugbridge.admin;

import java.time.Instant;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The log of admin job runs: who or what started them and what they did. */
@Repository
class JobRuns {

	private final JdbcClient jdbc;

	JobRuns(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	long record(String job, String triggeredBy, Instant started, Instant finished, String summary) {
		var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
		jdbc.sql("INSERT INTO job_run (job, triggered_by, started_at, finished_at, summary)"
				+ " VALUES (:job, :by, :started, :finished, :summary)")
			.param("job", job)
			.param("by", triggeredBy)
			.param("started", started.atOffset(ZoneOffset.UTC))
			.param("finished", finished.atOffset(ZoneOffset.UTC))
			.param("summary", summary.length() > 4000 ? summary.substring(0, 3997) + "..." : summary)
			.update(keys, "id");
		return keys.getKeyAs(Number.class).longValue();
	}

}
