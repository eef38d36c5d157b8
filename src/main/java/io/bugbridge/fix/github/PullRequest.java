package io.bugbridge.fix.github;

import java.time.Instant;

/**
 * A pull request as BugBridge needs it.
 *
 * @param state {@code open} or {@code closed} (a merged pull request is closed and {@code merged})
 * @param mergedAt null unless merged
 * @param closedAt null while open
 */
public record PullRequest(int number, String htmlUrl, String state, boolean merged, boolean draft, String headRef,
		String headSha, Instant mergedAt, Instant closedAt) {

	public boolean open() {
		return "open".equals(state);
	}

}
