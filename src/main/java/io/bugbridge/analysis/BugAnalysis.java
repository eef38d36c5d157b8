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
 * @param details how it was produced: commit, Claude's model and usage, readiness; never null
 */
public record BugAnalysis(long id, String ticketKey, State state, int progress, String progressMessage,
		String analysis, List<SuggestedFile> suggestedFiles, String fixApproach, List<String> rootCauseHypotheses,
		List<String> sideEffects, String estimatedEffort, String riskLevel, String engine, String pullRequestUrl,
		Instant requested, Instant finished, String error, Details details) {

	public BugAnalysis {
		details = details == null ? Details.NONE : details;
	}

	/**
	 * @param commit the commit analysed
	 * @param understanding the problem in the analyst's words (Claude only)
	 * @param confidence low, medium or high
	 * @param model Claude's model; null for the offline engine
	 * @param usage tokens, cost, turns and duration of the Claude run; null for the offline engine
	 * @param droppedCitations paths (or line ranges) Claude cited that do not exist at the commit
	 * @param readiness 0–100, how ready the report was for an AI run; null when not assessed
	 * @param automatic started by BugBridge for a new urgent bug rather than by an admin
	 */
	public record Details(String commit, String understanding, String confidence, String model,
			io.bugbridge.agent.Usage usage, List<String> droppedCitations, Integer readiness, boolean automatic) {

		public static final Details NONE = new Details(null, null, null, null, null, List.of(), null, false);

		public Details {
			droppedCitations = droppedCitations == null ? List.of() : List.copyOf(droppedCitations);
		}

	}

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
	public record SuggestedFile(String path, double score, List<String> evidence, Integer lineStart, Integer lineEnd,
			String url) {

		public SuggestedFile(String path, double score, List<String> evidence) {
			this(path, score, evidence, null, null, null);
		}

	}

}
