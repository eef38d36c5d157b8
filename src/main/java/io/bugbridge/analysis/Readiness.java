package io.bugbridge.analysis;

import java.util.List;

/**
 * How ready a bug report is for an AI analysis, before tokens are spent on it.
 *
 * @param score 0–100
 * @param threshold the score automatic Claude runs need ({@code bugbridge.ai.auto-threshold})
 * @param reasons what raised or lowered the score
 */
public record Readiness(int score, int threshold, List<Reason> reasons) {

	public Readiness {
		reasons = List.copyOf(reasons);
	}

	public boolean ready() {
		return score >= threshold;
	}

	/**
	 * @param met whether the report has it
	 * @param points what it adds when met
	 */
	public record Reason(String text, boolean met, int points) {
	}

}
