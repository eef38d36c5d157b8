package io.bugbridge.ticket;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Where a ticket is in its life. */
public enum Status {

	OPEN("Open"), IN_PROGRESS("In Progress"), RESOLVED("Resolved"), CLOSED("Closed");

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

	@JsonCreator
	public static Status fromLabel(String label) {
		return Labels.parse(Status.class, label);
	}

}
