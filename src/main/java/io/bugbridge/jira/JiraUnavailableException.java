package io.bugbridge.jira;

import java.time.Duration;

/**
 * Jira did not do what was asked, for now: it is down, slow, rate limiting (429, with its
 * Retry-After) or failing (5xx). Worth retrying later.
 */
class JiraUnavailableException extends RuntimeException {

	private final Duration retryAfter;

	private final boolean mayHaveApplied;

	private final boolean rateLimited;

	private final boolean answered;

	/** {@link System#nanoTime()} when the failed call was sent, when known. */
	private volatile Long startedNanos;

	JiraUnavailableException(String message, Duration retryAfter, boolean mayHaveApplied, boolean rateLimited) {
		this(message, retryAfter, mayHaveApplied, rateLimited, false);
	}

	JiraUnavailableException(String message, Duration retryAfter, boolean mayHaveApplied, boolean rateLimited,
			boolean answered) {
		super(message);
		this.retryAfter = retryAfter;
		this.mayHaveApplied = mayHaveApplied;
		this.rateLimited = rateLimited;
		this.answered = answered;
	}

	/**
	 * Whether Jira answered (a status code came back): it has finished with the request, unlike
	 * after a timeout or a broken connection, when it may still be working on it.
	 */
	boolean answered() {
		return answered;
	}

	/** The wait Jira asked for, or null. */
	Duration retryAfter() {
		return retryAfter;
	}

	/**
	 * Whether the request may have taken effect even though no success came back (a timeout, a
	 * 5xx): a create must then be looked up before it is sent again.
	 */
	boolean mayHaveApplied() {
		return mayHaveApplied;
	}

	boolean rateLimited() {
		return rateLimited;
	}

	/** When the failed call was sent ({@link System#nanoTime()}), or null when not known. */
	Long startedNanos() {
		return startedNanos;
	}

	JiraUnavailableException startedAt(long nanos) {
		this.startedNanos = nanos;
		return this;
	}

}
