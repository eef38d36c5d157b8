package io.bugbridge.admin;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;

import io.bugbridge.agent.ClaudeAgent;
import io.bugbridge.agent.ModelCheck;
import io.bugbridge.agent.UsageLedger;
import org.springframework.stereotype.Service;

/**
 * Claude as the console shows it: whether it is on, its model and endpoint, the last key-and-model
 * check (cached a few minutes, so views do not call Anthropic each time), what was spent today
 * against the daily limit and the totals so far. The API key is never part of it.
 */
@Service
public class AiStatus {

	private final ClaudeAgent agent;

	private final ModelCheck check;

	private final UsageLedger ledger;

	AiStatus(ClaudeAgent agent, ModelCheck check, UsageLedger ledger) {
		this.agent = agent;
		this.check = check;
		this.ledger = ledger;
	}

	/** The cached check: OFF without a key, else OK or FAIL with the reason and a hint. */
	public ModelCheck.Result check() {
		return check.check();
	}

	public View view() {
		ModelCheck.Result result = check.check();
		UsageLedger.Totals totals = ledger.totals();
		BigDecimal limit = agent.properties().dailyUsd();
		return new View(agent.configured(), agent.model(), agent.baseUrl(),
				new Check(result.state().name().toLowerCase(Locale.ROOT), result.detail(), result.hint(),
						result.checkedAt()),
				ledger.spentToday(), limit.signum() > 0 ? limit : null,
				new Totals(totals.calls(), totals.inputTokens(), totals.outputTokens(), totals.cacheReadTokens(),
						totals.cacheWriteTokens(), totals.usd()));
	}

	/**
	 * {@code GET /api/jira/admin/ai}.
	 *
	 * @param dailyLimitUsd null when there is no daily limit
	 */
	public record View(boolean configured, String model, String baseUrl, Check check, BigDecimal spentTodayUsd,
			BigDecimal dailyLimitUsd, Totals totals) {

		/** Spent today as a share of the daily limit (0–1), for a meter; null without a limit. */
		public Double spentShare() {
			return dailyLimitUsd == null ? null
					: Math.min(1.0, spentTodayUsd.doubleValue() / dailyLimitUsd.doubleValue());
		}

	}

	/** @param state {@code off}, {@code ok} or {@code fail} */
	public record Check(String state, String detail, String hint, Instant checkedAt) {
	}

	/** @param calls model calls (turns), over all runs and purposes */
	public record Totals(long calls, long inputTokens, long outputTokens, long cacheReadTokens, long cacheWriteTokens,
			BigDecimal costUsd) {
	}

}
