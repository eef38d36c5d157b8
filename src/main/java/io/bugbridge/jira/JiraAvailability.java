package io.bugbridge.jira;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * This node's view of whether Jira can take calls: a circuit breaker plus Jira's own 429
 * Retry-After. After {@code circuitFailures} consecutive failures calls stop (intake answers
 * "pending" at once instead of spending its budget) until one probe delivery succeeds; probes
 * back off exponentially with jitter. A Retry-After pauses every call until it has passed.
 */
class JiraAvailability {

	private final Clock clock;

	private final int threshold;

	private final Backoff backoff;

	private int consecutiveFailures;

	private Instant openUntil = Instant.MIN;

	private Instant pausedUntil = Instant.MIN;

	private boolean probing;

	JiraAvailability(Clock clock, JiraProperties.Delivery delivery) {
		this.clock = clock;
		this.threshold = Math.max(1, delivery.circuitFailures());
		this.backoff = new Backoff(delivery.initialBackoff(), delivery.maxBackoff());
	}

	/** Whether intake should try Jira now: only while the circuit is closed and no pause is on. */
	synchronized boolean closed() {
		Instant now = clock.instant();
		return consecutiveFailures < threshold && !now.isBefore(pausedUntil);
	}

	/**
	 * Whether the outbox worker may call now. When the circuit is open, one caller at a time is
	 * let through as a probe once the open period is over.
	 */
	synchronized boolean tryAcquire() {
		Instant now = clock.instant();
		if (now.isBefore(pausedUntil)) {
			return false;
		}
		if (consecutiveFailures < threshold) {
			return true;
		}
		if (probing || now.isBefore(openUntil)) {
			return false;
		}
		probing = true;
		return true;
	}

	synchronized void succeeded() {
		consecutiveFailures = 0;
		probing = false;
	}

	synchronized void failed(JiraUnavailableException failure) {
		Instant now = clock.instant();
		probing = false;
		if (failure.retryAfter() != null) {
			Instant until = now.plus(failure.retryAfter());
			if (until.isAfter(pausedUntil)) {
				pausedUntil = until;
			}
		}
		consecutiveFailures++;
		if (consecutiveFailures >= threshold) {
			openUntil = now.plus(backoff.delay(consecutiveFailures - threshold + 1));
		}
	}

	/** A call that ended without telling us anything about Jira (e.g. a refused request). */
	synchronized void releaseProbe() {
		probing = false;
	}

	synchronized Instant pausedUntil() {
		return pausedUntil;
	}

	synchronized String describe() {
		Instant now = clock.instant();
		if (now.isBefore(pausedUntil)) {
			return "paused by Jira's Retry-After until " + pausedUntil;
		}
		return consecutiveFailures >= threshold ? "circuit open after " + consecutiveFailures + " failures" : "closed";
	}

	/** Exponential backoff with ±20% jitter, so that many tickets do not retry in lockstep. */
	record Backoff(Duration initial, Duration max) {

		Duration delay(int attempt) {
			double base = initial.toMillis() * Math.pow(2, Math.min(30, Math.max(0, attempt - 1)));
			double capped = Math.min(base, max.toMillis());
			double jittered = capped * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble());
			return Duration.ofMillis(Math.max(1, (long) jittered));
		}

	}

}
