package io.bugbridge.fix.github;

/**
 * CI reported on a commit: a check suite completed, a check run failed, or a commit status turned
 * success, failure or error. One such event speaks for one suite or one status context only, so a
 * success is a cue to confirm with {@link GitHubClient#combinedChecks(String)} before acting;
 * a failure is final for that commit.
 *
 * @param headRef branch name; null when GitHub does not say (status events list branches only
 * while the commit is a branch head), match on {@code headSha} then
 * @param failureSummary check names and output excerpt, at most 4000 chars; empty on success
 */
public record ChecksCompleted(String repoFullName, String headRef, String headSha, boolean success,
		String failureSummary) {
}
