package io.bugbridge.ticket;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What a customer filed. The labels are the values the portal and Jira show. */
public enum TicketType {

	BUG("Bug"), FEATURE("Feature"), SUPPORT("Support");

	private final String label;

	TicketType(String label) {
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

	@JsonCreator
	public static TicketType fromLabel(String label) {
		return Labels.parse(TicketType.class, label);
	}

}
