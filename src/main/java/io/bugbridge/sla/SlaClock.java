package io.bugbridge.sla;

import java.time.Duration;
import java.time.Instant;

import io.bugbridge.ticket.Priority;

/**
 * The stored state of a ticket's two SLA clocks (first response and resolution). Both run from
 * {@code startedAt}, stop while paused (waiting for the customer, or resolved) and count only
 * business time when business hours are configured.
 *
 * @param pausedSeconds business time spent in finished pauses
 */
record SlaClock(long ticketId, Priority priority, Instant startedAt, Instant firstResponseAt, Instant resolvedAt,
		Instant pausedSince, long pausedSeconds, boolean firstResponseBreached, boolean resolutionBreached) {

	static SlaClock start(long ticketId, Priority priority, Instant startedAt) {
		return new SlaClock(ticketId, priority, startedAt, null, null, null, 0, false, false);
	}

	/** Business time that counted against the targets up to {@code at}. */
	Duration elapsed(Instant at, BusinessCalendar calendar) {
		Duration elapsed = calendar.between(startedAt, at).minusSeconds(pausedSeconds);
		if (pausedSince != null && at.isAfter(pausedSince)) {
			elapsed = elapsed.minus(calendar.between(pausedSince, at));
		}
		return elapsed.isNegative() ? Duration.ZERO : elapsed;
	}

	/** When a running clock with this target runs out; meaningless while paused. */
	Instant due(Duration target, BusinessCalendar calendar) {
		return calendar.plus(startedAt, target.plusSeconds(pausedSeconds));
	}

	SlaClock pause(Instant at) {
		return pausedSince != null ? this
				: new SlaClock(ticketId, priority, startedAt, firstResponseAt, resolvedAt, at, pausedSeconds,
						firstResponseBreached, resolutionBreached);
	}

	SlaClock resume(Instant at, BusinessCalendar calendar) {
		if (pausedSince == null) {
			return this;
		}
		long paused = pausedSeconds + calendar.between(pausedSince, at).toSeconds();
		return new SlaClock(ticketId, priority, startedAt, firstResponseAt, resolvedAt, null, paused,
				firstResponseBreached, resolutionBreached);
	}

	SlaClock respondedAt(Instant at) {
		return firstResponseAt != null ? this
				: new SlaClock(ticketId, priority, startedAt, at, resolvedAt, pausedSince, pausedSeconds,
						firstResponseBreached, resolutionBreached);
	}

	SlaClock resolved(Instant at) {
		return new SlaClock(ticketId, priority, startedAt, firstResponseAt == null ? at : firstResponseAt, at,
				pausedSince == null ? at : pausedSince, pausedSeconds, firstResponseBreached, resolutionBreached);
	}

	SlaClock reopened() {
		return new SlaClock(ticketId, priority, startedAt, firstResponseAt, null, pausedSince, pausedSeconds,
				firstResponseBreached, resolutionBreached);
	}

	SlaClock withPriority(Priority newPriority) {
		return new SlaClock(ticketId, newPriority, startedAt, firstResponseAt, resolvedAt, pausedSince, pausedSeconds,
				firstResponseBreached, resolutionBreached);
	}

	/**
	 * Sets the breach flag of each clock that has stopped (responded, resolved) later than its
	 * target. Running clocks are left to the monitor, which also reports the breach.
	 */
	SlaClock withBreachesOfStoppedClocks(SlaPolicy policy) {
		boolean firstLate = firstResponseBreached || firstResponseAt != null
				&& elapsed(firstResponseAt, policy.calendar()).compareTo(policy.firstResponseTarget(priority)) > 0;
		boolean resolutionLate = resolutionBreached || resolvedAt != null
				&& elapsed(resolvedAt, policy.calendar()).compareTo(policy.resolutionTarget(priority)) > 0;
		return new SlaClock(ticketId, priority, startedAt, firstResponseAt, resolvedAt, pausedSince, pausedSeconds,
				firstLate, resolutionLate);
	}

	SlaClock withFirstResponseBreached() {
		return new SlaClock(ticketId, priority, startedAt, firstResponseAt, resolvedAt, pausedSince, pausedSeconds,
				true, resolutionBreached);
	}

	SlaClock withResolutionBreached() {
		return new SlaClock(ticketId, priority, startedAt, firstResponseAt, resolvedAt, pausedSince, pausedSeconds,
				firstResponseBreached, true);
	}

	/** When the monitor should next look at the first-response clock; null when nothing can breach. */
	Instant firstResponseAlarm(SlaPolicy policy) {
		return firstResponseAt != null || firstResponseBreached || pausedSince != null ? null
				: due(policy.firstResponseTarget(priority), policy.calendar());
	}

	Instant resolutionAlarm(SlaPolicy policy) {
		return resolvedAt != null || resolutionBreached || pausedSince != null ? null
				: due(policy.resolutionTarget(priority), policy.calendar());
	}

}
