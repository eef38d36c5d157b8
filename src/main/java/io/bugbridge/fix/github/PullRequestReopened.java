package io.bugbridge.fix.github;

import java.time.Instant;

/** A closed, unmerged pull request was reopened (webhook {@code pull_request} action {@code reopened}). */
public record PullRequestReopened(String repoFullName, int number, String headRef, String htmlUrl, Instant at) {
}
