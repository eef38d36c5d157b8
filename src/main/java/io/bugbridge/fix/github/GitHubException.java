package io.bugbridge.fix.github;

import java.time.Duration;

/**
 * A GitHub call that did not succeed. The message is meant for a human (an admin page, a Jira
 * comment) and never contains the token.
 */
public class GitHubException extends RuntimeException {

	private final int status;

	private final boolean retryable;

	private final Duration retryAfter;

	/**
	 * @param status HTTP status, 0 when GitHub was not reached
	 * @param retryAfter how long to wait before trying again, null when GitHub gave no hint
	 */
	public GitHubException(String message, int status, boolean retryable, Duration retryAfter) {
		super(message);
		this.status = status;
		this.retryable = retryable;
		this.retryAfter = retryAfter;
	}

	public int status() {
		return status;
	}

	/** Rate limits, 5xx and network failures: the same call may succeed later. */
	public boolean retryable() {
		return retryable;
	}

	/** The wait GitHub asked for (rate-limit reset, {@code retry-after}); null when it said nothing. */
	public Duration retryAfter() {
		return retryAfter;
	}

	public boolean notFound() {
		return status == 404;
	}

}
