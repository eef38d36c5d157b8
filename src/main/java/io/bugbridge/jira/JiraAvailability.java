package io.bugbridge.jira;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * This node's view of whether Jira can take calls: a circuit breaker, Jira's own 429 Retry-After,
 * and intake calls that have run out of their budget.
 * <ul>
 * <li>After {@code circuitFailures} consecutive failures the circuit opens: intake answers
 * "pending" at once and the outbox worker stops calling. A failure of a call that was already in
 * flight when the previous failure was counted is part of the same burst (sixteen intakes timing
 * out together in a hang are one piece of evidence, not sixteen) and is not counted again.</li>
 * <li>While the circuit is open, {@link JiraProbe} asks Jira something cheap on a short, bounded
 * schedule ({@link #probeDue}); the first answer closes the circuit.</li>
 * <li>A Retry-After pauses every call until it has passed.</li>
 * <li>While an intake call that overran its budget is still in flight ({@link #stalled}), further
 * intakes do not wait for Jira: it is slow now, and the call in flight tells soon enough.</li>
 * </ul>
 */
class JiraAvailability {

	private final Clock clock;

	private final int threshold;

	private final Backoff probeBackoff;

	private int consecutiveFailures;

	/** {@link System#nanoTime()} when the last failure was counted. */
	private long lastCountedFailure;

	private boolean counted;

	private Instant nextProbe = Instant.MIN;

	private int probeFailures;

	private boolean probing;

	private Instant pausedUntil = Instant.MIN;

	private int stalledIntakes;

	private Instant stalledSince;

	private CompletableFuture<Void> stall = new CompletableFuture<>();

	JiraAvailability(Clock clock, JiraProperties.Delivery delivery) {
		this.clock = clock;
		this.threshold = Math.max(1, delivery.circuitFailures());
		Duration probeMax = delivery.probeInterval();
		Duration probeFirst = delivery.initialBackoff().compareTo(probeMax) < 0 ? delivery.initialBackoff() : probeMax;
		this.probeBackoff = new Backoff(probeFirst, probeMax);
	}

	/**
	 * Whether intake should try Jira now: only while the circuit is closed, no pause is on and no
	 * earlier intake call is stuck past its budget.
	 */
	synchronized boolean closed() {
		return !open() && !clock.instant().isBefore(pausedUntil) && stalledIntakes == 0;
	}

	private boolean open() {
		return consecutiveFailures >= threshold;
	}

	/**
	 * Whether the outbox worker may call now: not while the circuit is open (the probe closes it)
	 * nor while Jira's Retry-After lasts.
	 */
	synchronized boolean tryAcquire() {
		return !open() && !clock.instant().isBefore(pausedUntil);
	}

	synchronized void succeeded() {
		consecutiveFailures = 0;
		probeFailures = 0;
		counted = false;
	}

	synchronized void failed(JiraUnavailableException failure) {
		Instant now = clock.instant();
		if (failure.retryAfter() != null) {
			Instant until = now.plus(failure.retryAfter());
			if (until.isAfter(pausedUntil)) {
				pausedUntil = until;
			}
		}
		long nowNanos = System.nanoTime();
		Long started = failure.startedNanos();
		if (counted && started != null && started - lastCountedFailure < 0) {
			// In flight when the last failure was counted: the same burst, no new evidence.
			return;
		}
		counted = true;
		lastCountedFailure = nowNanos;
		boolean wasOpen = open();
		consecutiveFailures++;
		if (!wasOpen && open()) {
			probeFailures = 0;
			nextProbe = now.plus(probeBackoff.delay(1));
		}
	}

	/** Kept for the outbox worker: deliveries no longer probe, {@link JiraProbe} does. */
	synchronized void releaseProbe() {
	}

	// --- Probing while the circuit is open ---

	/** Whether a probe should go out now; if so the caller owns it and must report its outcome. */
	synchronized boolean probeDue() {
		Instant now = clock.instant();
		if (!open() || probing || now.isBefore(pausedUntil) || now.isBefore(nextProbe)) {
			return false;
		}
		probing = true;
		return true;
	}

	/** Jira answered the probe: close the circuit. */
	synchronized void probeSucceeded() {
		probing = false;
		succeeded();
	}

	/** Jira did not answer the probe: the next one comes after a short, bounded backoff. */
	synchronized void probeFailed(JiraUnavailableException failure) {
		probing = false;
		Instant now = clock.instant();
		if (failure != null && failure.retryAfter() != null) {
			Instant until = now.plus(failure.retryAfter());
			if (until.isAfter(pausedUntil)) {
				pausedUntil = until;
			}
		}
		probeFailures++;
		nextProbe = now.plus(probeBackoff.delay(probeFailures + 1));
	}

	// --- Intake calls past their budget ---

	/** An intake call ran out of its budget and is still in flight. */
	synchronized void stalled() {
		if (stalledIntakes++ == 0) {
			stalledSince = clock.instant();
			stall.complete(null);
		}
	}

	/** Completes when an intake call runs out of its budget: intakes waiting on Jira stop waiting. */
	synchronized CompletableFuture<Void> stallSignal() {
		return stall;
	}

	/** A call reported by {@link #stalled()} has ended, whatever its outcome. */
	synchronized void stallEnded() {
		if (stalledIntakes > 0 && --stalledIntakes == 0) {
			stalledSince = null;
			stall = new CompletableFuture<>();
		}
	}

	synchronized Instant pausedUntil() {
		return pausedUntil;
	}

	synchronized String describe() {
		Instant now = clock.instant();
		if (now.isBefore(pausedUntil)) {
			return "paused by Jira's Retry-After until " + pausedUntil;
		}
		if (open()) {
			return "circuit open after " + consecutiveFailures + " failures, " + probeFailures
					+ " failed probes, next probe at " + nextProbe;
		}
		if (stalledIntakes > 0) {
			return "closed, but " + stalledIntakes + " intake call(s) past their budget since " + stalledSince
					+ ": intake answers pending meanwhile";
		}
		return "closed";
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
