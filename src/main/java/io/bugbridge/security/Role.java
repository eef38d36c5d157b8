package io.bugbridge.security;

import java.util.Locale;
import java.util.Optional;

/** The roles a token's {@code roles} claim may carry. */
public enum Role {

	CUSTOMER, ADMIN;

	public String claimValue() {
		return name().toLowerCase(Locale.ROOT);
	}

	public String authority() {
		return "ROLE_" + name();
	}

	static Optional<Role> fromClaim(String value) {
		for (Role role : values()) {
			if (role.claimValue().equalsIgnoreCase(value.trim())) {
				return Optional.of(role);
			}
		}
		return Optional.empty();
	}

}
