package io.bugbridge.ticket;

import java.util.EnumSet;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where a ticket is in its life. "Waiting for Customer" is the support desk's pause: the ball is in
 * the customer's court, so SLA clocks stop.
 */
public enum Status {

	OPEN("Open"), IN_PROGRESS("In Progress"), WAITING_FOR_CUSTOMER("Waiting for Customer"), RESOLVED("Resolved"),
	CLOSED("Closed");

	private final String label;

	Status(String label) {
		this.label = label;
	}

	@JsonValue
	public String label() {
		return label;
	}

	@Override
	public String toString() {
		return label;
	}

	public boolean isDone() {
		return this == RESOLVED || this == CLOSED;
	}

	/**
	 * The statuses staff may move a ticket to from this one. A closed ticket can only be reopened:
	 * marking it resolved or in progress again would rewrite its history.
	 */
	public Set<Status> nextStatuses() {
		return switch (this) {
			case OPEN -> EnumSet.of(IN_PROGRESS, WAITING_FOR_CUSTOMER, RESOLVED, CLOSED);
			case IN_PROGRESS -> EnumSet.of(OPEN, WAITING_FOR_CUSTOMER, RESOLVED, CLOSED);
			case WAITING_FOR_CUSTOMER -> EnumSet.of(OPEN, IN_PROGRESS, RESOLVED, CLOSED);
			case RESOLVED -> EnumSet.of(OPEN, IN_PROGRESS, CLOSED);
			case CLOSED -> EnumSet.of(OPEN);
		};
	}

	public boolean canMoveTo(Status target) {
		return target == this || nextStatuses().contains(target);
	}

	@JsonCreator
	public static Status fromLabel(String label) {
		return Labels.parse(Status.class, label);
	}

}
