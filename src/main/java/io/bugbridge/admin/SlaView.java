package io.bugbridge.admin;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.bugbridge.sla.SlaStatus;

/**
 * A ticket's SLA as the admin console shows it.
 *
 * @param state on_track, at_risk, paused, breached or met
 */
record SlaView(String state, ClockView firstResponse, ClockView resolution) {

	static SlaView of(SlaStatus status) {
		return new SlaView(status.state(), ClockView.of(status.firstResponse()), ClockView.of(status.resolution()));
	}

	/**
	 * @param remainingSeconds time left; negative when late; frozen once the clock stopped
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record ClockView(long targetSeconds, Instant due, long remainingSeconds, boolean breached, boolean paused,
			Instant completed) {

		static ClockView of(SlaStatus.Target target) {
			return new ClockView(target.target().toSeconds(), target.due(), target.remaining().toSeconds(),
					target.breached(), target.paused(), target.completedAt());
		}

	}

}
