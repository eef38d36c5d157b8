package io.bugbridge.agent;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * Hard limits of one agent run, checked before every turn: a run that reaches one stops cleanly,
 * keeps what it has and says which limit stopped it.
 *
 * @param maxTurns requests to the model
 * @param maxTokens input (cache reads and writes included) plus output tokens over the run
 * @param maxUsd estimated cost of the run
 * @param maxWallTime from the first request to the last answer
 */
public record Budget(Integer maxTurns, Long maxTokens, BigDecimal maxUsd, Duration maxWallTime) {

	static final Budget ANALYSIS = new Budget(25, 400_000L, new BigDecimal("1.50"), Duration.ofMinutes(10));

	static final Budget FIX = new Budget(60, 2_000_000L, new BigDecimal("6.00"), Duration.ofMinutes(45));

	/** These limits where set, the defaults elsewhere: an unset limit never means "unlimited". */
	Budget orDefaults(Budget defaults) {
		return new Budget(maxTurns == null || maxTurns <= 0 ? defaults.maxTurns : maxTurns,
				maxTokens == null || maxTokens <= 0 ? defaults.maxTokens : maxTokens,
				maxUsd == null || maxUsd.signum() <= 0 ? defaults.maxUsd : maxUsd,
				maxWallTime == null || maxWallTime.isZero() || maxWallTime.isNegative() ? defaults.maxWallTime
						: maxWallTime);
	}

	/** Which limit the usage so far has reached, or null while none is. */
	public String reached(Usage usage, Duration elapsed) {
		if (usage.turns() >= maxTurns) {
			return "turn limit (" + maxTurns + " turns)";
		}
		if (usage.totalTokens() >= maxTokens) {
			return "token limit (" + maxTokens + " tokens)";
		}
		if (usage.usd().compareTo(maxUsd) >= 0) {
			return "cost limit (USD " + maxUsd.toPlainString() + ")";
		}
		if (elapsed.compareTo(maxWallTime) >= 0) {
			return "time limit (" + maxWallTime.toSeconds() + " s)";
		}
		return null;
	}

}
