package io.bugbridge.sla;

import java.time.Duration;

import io.bugbridge.ticket.Priority;
import io.bugbridge.ticket.Status;
import org.springframework.stereotype.Component;

/** The configured targets, pause statuses and calendar, in one place for the clock arithmetic. */
@Component
class SlaPolicy {

	private final SlaProperties properties;

	private final BusinessCalendar calendar;

	SlaPolicy(SlaProperties properties) {
		this.properties = properties;
		this.calendar = BusinessCalendar.of(properties.businessHours());
	}

	BusinessCalendar calendar() {
		return calendar;
	}

	Duration firstResponseTarget(Priority priority) {
		return properties.firstResponseTarget(priority);
	}

	Duration resolutionTarget(Priority priority) {
		return properties.resolutionTarget(priority);
	}

	/** Clocks stop while waiting for the customer and once the ticket is resolved or closed. */
	boolean clockStopped(Status status) {
		return status.isDone() || properties.pauses(status);
	}

	double atRiskFraction() {
		return properties.atRiskFraction();
	}

}
