package io.bugbridge.analysis;

/**
 * How much to trust a ranking, for the analysis text to say so honestly.
 *
 * @param level coarse verdict
 * @param topShare share of the top file's score among the top five (near 1: one clear candidate)
 * @param reason why, in words
 */
public record Confidence(Level level, double topShare, String reason) {

	public enum Level {
		HIGH, MEDIUM, LOW
	}

}
