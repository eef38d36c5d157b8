package io.bugbridge.fix;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Auto-Fix ({@code bugbridge.fix.*}). The per-repository settings (test command, base branch,
 * limits) are under {@code bugbridge.repositories[n]}, see {@link FixRepositoryProperties}.
 *
 * @param authorName commit author of fix commits
 * @param authorEmail commit author's e-mail
 * @param statusOnPullRequest the ticket's status once a pull request is open (a status name, e.g.
 * {@code IN_PROGRESS}); empty leaves it alone
 * @param statusOnMerge the ticket's status when the pull request is merged; empty leaves it alone
 * @param maxCheckRetries repair attempts after failing checks on the pull request
 * @param pollInterval how often open pull requests are polled: the news without a webhook, a safety net
 * for lost deliveries with one
 * @param retryDelay how long a pushed fix waits before trying GitHub again after a retryable failure
 */
@ConfigurationProperties("bugbridge.fix")
public record FixProperties(@DefaultValue("BugBridge Auto-Fix") String authorName,
		@DefaultValue("autofix@bugbridge.invalid") String authorEmail, @DefaultValue("IN_PROGRESS") String statusOnPullRequest,
		@DefaultValue("RESOLVED") String statusOnMerge, @DefaultValue("2") int maxCheckRetries,
		@DefaultValue("2m") Duration pollInterval, @DefaultValue("30s") Duration retryDelay) {
}
