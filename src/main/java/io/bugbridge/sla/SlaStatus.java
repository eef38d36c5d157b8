package io.bugbridge.sla;

import java.time.Duration;
import java.time.Instant;

/**
 * Where a ticket stands against its SLA targets at a moment.
 *
 * @param state {@code on_track}, {@code at_risk}, {@code paused}, {@code breached} or {@code met}
 */
public record SlaStatus(String state, Target firstResponse, Target resolution) {

	public static final String ON_TRACK = "on_track";

	public static final String AT_RISK = "at_risk";

	public static final String PAUSED = "paused";

	public static final String BREACHED = "breached";

	public static final String MET = "met";

	/**
	 * One clock.
	 *
	 * @param due when the target runs out; null while the clock is paused
	 * @param remaining time left (negative once late); frozen when the clock stopped
	 * @param completedAt when the response or resolution happened; null while pending
	 */
	public record Target(Duration target, Instant due, Duration remaining, boolean breached, boolean paused,
			Instant completedAt) {
	}

}
