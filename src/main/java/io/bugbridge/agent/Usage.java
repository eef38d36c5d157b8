package io.bugbridge.agent;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What an agent run used. Input tokens exclude cache reads and writes, as Anthropic reports them.
 *
 * @param usd estimated from the configured price table
 */
public record Usage(String model, long inputTokens, long outputTokens, long cacheReadTokens, long cacheWriteTokens,
		BigDecimal usd, int turns, long durationMillis) {

	public static Usage none(String model) {
		return new Usage(model, 0, 0, 0, 0, BigDecimal.ZERO, 0, 0);
	}

	public long totalTokens() {
		return inputTokens + outputTokens + cacheReadTokens + cacheWriteTokens;
	}

	/** This usage plus one turn's tokens, priced. */
	Usage plusTurn(long input, long output, long cacheRead, long cacheWrite, AiProperties.Price price) {
		BigDecimal million = BigDecimal.valueOf(1_000_000);
		BigDecimal cost = price.input().multiply(BigDecimal.valueOf(input))
			.add(price.output().multiply(BigDecimal.valueOf(output)))
			.add(price.cacheRead().multiply(BigDecimal.valueOf(cacheRead)))
			.add(price.cacheWrite().multiply(BigDecimal.valueOf(cacheWrite)))
			.divide(million, 6, RoundingMode.HALF_UP);
		return new Usage(model, inputTokens + input, outputTokens + output, cacheReadTokens + cacheRead,
				cacheWriteTokens + cacheWrite, usd.add(cost), turns + 1, durationMillis);
	}

	Usage withDuration(long millis) {
		return new Usage(model, inputTokens, outputTokens, cacheReadTokens, cacheWriteTokens, usd, turns, millis);
	}

	/** Two runs' usage together, e.g. a fix's repair attempt after its first run. */
	public Usage plus(Usage other) {
		return new Usage(model, inputTokens + other.inputTokens, outputTokens + other.outputTokens,
				cacheReadTokens + other.cacheReadTokens, cacheWriteTokens + other.cacheWriteTokens, usd.add(other.usd),
				turns + other.turns, durationMillis + other.durationMillis);
	}

}
