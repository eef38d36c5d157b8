package io.bugbridge.ticket;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The kind of help a support ticket asks for. */
public enum SupportCategory {

	TECHNICAL("technical"), BILLING("billing"), TRAINING("training"), ACCOUNT("account"),
	INTEGRATION("integration"), OTHER("other");

	private final String label;

	SupportCategory(String label) {
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
	public static SupportCategory fromLabel(String label) {
		return Labels.parse(SupportCategory.class, label);
	}

}
