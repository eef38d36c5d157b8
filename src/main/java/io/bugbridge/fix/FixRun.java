package io.bugbridge.fix;

import java.time.Instant;
import java.util.List;

import io.bugbridge.agent.Usage;

/**
 * One Auto-Fix run, as the console and the API show it.
 *
 * @param createPr whether the fix is pushed and proposed as a pull request; without it the run
 * ends with the tested diff
 * @param verification the service's own test runs; null until they ran
 * @param checkRetries repair attempts after failing checks on the pull request
 */
public record FixRun(long id, String ticketKey, State state, String progressMessage, boolean createPr,
		String repository, String branch, String baseCommit, String headCommit, Integer prNumber, String prUrl,
		String summary, String diff, Verification verification, List<String> changedFiles, Usage usage, String error,
		int checkRetries, Instant requestedAt, Instant prOpenedAt, Instant decidedAt, Instant finishedAt) {

	public enum State {

		QUEUED("Queued"), WORKING("Working"), PUSHED("Pushed"), TESTED("Tested, not pushed"),
		PR_OPEN("Pull request open"), MERGED("Merged"), CLOSED("Closed without merging"), FAILED("Failed"),
		CANCELLED("Cancelled");

		private final String label;

		State(String label) {
			this.label = label;
		}

		/** For people: the console shows this. */
		public String label() {
			return label;
		}

		/** Holds the ticket's one active run: nothing else may start for it. */
		public boolean active() {
			return this == QUEUED || this == WORKING || this == PUSHED;
		}

	}

	/**
	 * What the service ran to prove the fix.
	 *
	 * @param failBefore the test command on the base commit with only the new or changed tests
	 * @param passAfter the test command on the fixed tree
	 */
	public record Verification(String command, List<String> testFiles, TestRun failBefore, TestRun passAfter,
			List<String> violations) {

		public boolean proven() {
			// A repair after failing checks keeps the first run's fail-before proof and re-runs pass-after.
			return violations.isEmpty() && (failBefore == null || !failBefore.passed()) && passAfter != null
					&& passAfter.passed();
		}

	}

	/** One run of the test command in the sandbox. */
	public record TestRun(int exitCode, boolean timedOut, long durationMillis, boolean sandboxed, String outputTail) {

		public boolean passed() {
			return exitCode == 0 && !timedOut;
		}

	}

}
