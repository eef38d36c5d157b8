package io.bugbridge.fix.github;

import java.time.Instant;

/**
 * A pull request of the configured repository was closed, merged or not (webhook
 * {@code pull_request} action {@code closed}). Published in the transaction that records the
 * delivery, once per delivery.
 *
 * @param at {@code merged_at}, else {@code closed_at}, else when the delivery arrived
 */
public record PullRequestClosed(String repoFullName, int number, String headRef, boolean merged, String htmlUrl,
		Instant at) {
}
