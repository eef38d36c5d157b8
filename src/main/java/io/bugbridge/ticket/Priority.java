package io.bugbridge.ticket;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How urgent a ticket is, as the brief's prioritisation guide defines it: Critical = system down or
 * data-loss risk; High = major functionality broken for many users; Medium = important feature
 * affected with a workaround; Low = minor or cosmetic.
 */
public enum Priority {

	LOW("Low"), MEDIUM("Medium"), HIGH("High"), CRITICAL("Critical");

	private final String label;

	Priority(String label) {
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

	public boolean isUrgent() {
		return this == HIGH || this == CRITICAL;
	}

	@JsonCreator
	public static Priority fromLabel(String label) {
		return Labels.parse(Priority.class, label);
	}

}
