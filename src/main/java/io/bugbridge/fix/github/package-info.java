/**
 * GitHub for Auto-Fix: a REST client for pull requests, checks and comments
 * ({@link io.bugbridge.fix.github.GitHubClient}), and the signed webhook
 * {@code POST /api/github/webhook} that turns deliveries into
 * {@link io.bugbridge.fix.github.PullRequestClosed}, {@link io.bugbridge.fix.github.PullRequestReopened}
 * and {@link io.bugbridge.fix.github.ChecksCompleted} application events.
 */
@org.springframework.modulith.NamedInterface("github")
package io.bugbridge.fix.github;
