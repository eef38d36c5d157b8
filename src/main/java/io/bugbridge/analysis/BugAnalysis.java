package io.bugbridge.analysis;

import java.time.Instant;
import java.util.List;

/**
 * One analysis of a bug ticket, as the admin console and the API show it.
 *
 * @param progress 0–100 while queued or running
 * @param progressMessage what the analysis is doing now, for the console
 * @param analysis the text in the brief's layout (Understanding, Root Cause, Files to Examine,
 * Suggested Fix Approach, Potential Side Effects, Estimated Effort, Risk Level)
 * @param engine what produced it, e.g. {@code offline index}
 * @param pullRequestUrl the fix pull request, when one was opened
 * @param error why it failed, when it failed
 */
public record BugAnalysis(long id, String ticketKey, State state, int progress, String progressMessage,
		String analysis, List<SuggestedFile> suggestedFiles, String fixApproach, List<String> rootCauseHypotheses,
		List<String> sideEffects, String estimatedEffort, String riskLevel, String engine, String pullRequestUrl,
		Instant requested, Instant finished, String error) {

	public enum State {

		QUEUED, RUNNING, DONE, FAILED;

		public boolean finished() {
			return this == DONE || this == FAILED;
		}

	}

	/**
	 * A file worth examining, with the score and evidence that put it on the list.
	 *
	 * @param evidence why, e.g. {@code stack frame PaymentService.java:42}, {@code mentions "OAuth state"}
	 */
	public record SuggestedFile(String path, double score, List<String> evidence) {
	}

}
