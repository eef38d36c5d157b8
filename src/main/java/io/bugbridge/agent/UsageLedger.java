package io.bugbridge.agent;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Every model call's tokens and estimated cost ({@code ai_usage}), written as each turn ends so the
 * installation's daily limit counts runs still in progress, on every node.
 */
@Repository
public class UsageLedger {

	private final JdbcClient jdbc;

	private final Clock clock;

	UsageLedger(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** One model call's (or, for the Claude Code executor, one run's) tokens and estimated cost. */
	public void record(String purpose, String ticketKey, String model, long input, long output, long cacheRead, long cacheWrite,
			BigDecimal usd) {
		jdbc.sql("""
				INSERT INTO ai_usage (purpose, ticket_key, model, input_tokens, output_tokens, cache_read_tokens,
				    cache_write_tokens, cost_usd, used_at)
				VALUES (:purpose, :ticket, :model, :input, :output, :cacheRead, :cacheWrite, :usd, :at)""")
			.param("purpose", purpose)
			.param("ticket", ticketKey)
			.param("model", model)
			.param("input", input)
			.param("output", output)
			.param("cacheRead", cacheRead)
			.param("cacheWrite", cacheWrite)
			.param("usd", usd)
			.param("at", clock.instant().atOffset(ZoneOffset.UTC))
			.update();
	}

	/** Estimated USD spent since midnight UTC, over all runs and nodes. */
	public BigDecimal spentToday() {
		var midnight = LocalDate.now(clock.withZone(ZoneOffset.UTC)).atStartOfDay().atOffset(ZoneOffset.UTC);
		BigDecimal spent = jdbc.sql("SELECT SUM(cost_usd) FROM ai_usage WHERE used_at >= :since")
			.param("since", midnight)
			.query(BigDecimal.class)
			.optional()
			.orElse(null);
		return spent == null ? BigDecimal.ZERO : spent;
	}

	/** Totals over all time, by purpose, for admin stats. */
	public Totals totals() {
		return jdbc.sql("""
				SELECT COUNT(*) AS calls, COALESCE(SUM(input_tokens), 0) AS input_tokens,
				    COALESCE(SUM(output_tokens), 0) AS output_tokens, COALESCE(SUM(cache_read_tokens), 0) AS cache_read_tokens,
				    COALESCE(SUM(cache_write_tokens), 0) AS cache_write_tokens, COALESCE(SUM(cost_usd), 0) AS cost_usd
				FROM ai_usage""")
			.query((rs, row) -> new Totals(rs.getLong("calls"), rs.getLong("input_tokens"), rs.getLong("output_tokens"),
					rs.getLong("cache_read_tokens"), rs.getLong("cache_write_tokens"), rs.getBigDecimal("cost_usd")))
			.single();
	}

	public record Totals(long calls, long inputTokens, long outputTokens, long cacheReadTokens, long cacheWriteTokens,
			BigDecimal usd) {
	}

}
