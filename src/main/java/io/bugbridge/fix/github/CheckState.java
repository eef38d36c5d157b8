package io.bugbridge.fix.github;

import java.util.List;

/**
 * The CI verdict on a commit, from commit statuses and check runs together.
 *
 * @param status PENDING while anything runs or nothing has reported yet, FAILURE as soon as one
 * check failed, SUCCESS when every reported check passed
 * @param failures the failed checks, empty unless FAILURE
 */
public record CheckState(Status status, List<FailedCheck> failures) {

	/** Listeners and PR comments quote at most this much. */
	public static final int SUMMARY_LIMIT = 4000;

	public enum Status {
		PENDING, SUCCESS, FAILURE
	}

	/**
	 * @param detailsUrl where a human reads the log ({@code details_url} / {@code target_url}), may be null
	 * @param summary output title and summary (or status description), may be empty
	 */
	public record FailedCheck(String name, String detailsUrl, String summary) {
	}

	public CheckState {
		failures = failures == null ? List.of() : List.copyOf(failures);
	}

	/** Names, links and output excerpts of the failed checks, at most {@value #SUMMARY_LIMIT} chars. */
	public String failureSummary() {
		StringBuilder text = new StringBuilder();
		for (FailedCheck failure : failures) {
			text.append("- ").append(failure.name());
			if (failure.detailsUrl() != null) {
				text.append(" (").append(failure.detailsUrl()).append(')');
			}
			if (failure.summary() != null && !failure.summary().isBlank()) {
				text.append(": ").append(failure.summary().strip());
			}
			text.append('\n');
		}
		return truncate(text.toString().strip(), SUMMARY_LIMIT);
	}

	static String truncate(String text, int limit) {
		return text.length() <= limit ? text : text.substring(0, limit - 3) + "...";
	}

}
