package io.bugbridge.ticket;

import java.util.Objects;

/**
 * Who did something to a ticket, as recorded in comments and history.
 *
 * @param subject stable identity from the token ({@code sub}); null for the system
 * @param email e-mail address, when known
 * @param displayName what other people see
 * @param kind whether a customer, a staff member or BugBridge itself acted
 */
public record Actor(String subject, String email, String displayName, Kind kind) {

	public enum Kind {
		CUSTOMER, STAFF, SYSTEM
	}

	public static final Actor SYSTEM = new Actor(null, null, "BugBridge", Kind.SYSTEM);

	public Actor {
		Objects.requireNonNull(kind, "kind");
		if (displayName == null || displayName.isBlank()) {
			displayName = email != null ? email : (subject != null ? subject : kind.name().toLowerCase());
		}
	}

	/** The name stored in the history: the e-mail when there is one, since it identifies a person. */
	public String historyName() {
		return email != null ? email : displayName;
	}

}
