package io.bugbridge.security;

import java.io.Serializable;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The person behind a request, from their token. Controllers take it as a parameter.
 *
 * @param subject the token's {@code sub}
 * @param email the token's {@code email}
 * @param name the token's {@code name}, when present
 * @param customerId the token's {@code customer_id}: the customer account whose tickets they see
 */
public record Caller(String subject, String email, String name, String customerId, Set<Role> roles)
		implements Serializable {

	public static final String EMAIL_CLAIM = "email";

	public static final String CUSTOMER_ID_CLAIM = "customer_id";

	public static final String ROLES_CLAIM = "roles";

	public Caller {
		roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
	}

	public boolean isAdmin() {
		return roles.contains(Role.ADMIN);
	}

	public boolean isCustomer() {
		return roles.contains(Role.CUSTOMER);
	}

	/**
	 * Whether this caller may see the tickets of a customer account: admins see every ticket,
	 * customers those of their own account (colleagues share tickets). The one rule behind the API
	 * and the browser pages alike.
	 */
	public boolean canSeeTicketsOf(String ticketCustomerId) {
		return isAdmin() || customerId != null && customerId.equals(ticketCustomerId);
	}

	static Caller from(Jwt jwt) {
		return new Caller(jwt.getSubject(), blankToNull(jwt.getClaimAsString(EMAIL_CLAIM)),
				blankToNull(jwt.getClaimAsString("name")), blankToNull(jwt.getClaimAsString(CUSTOMER_ID_CLAIM)),
				rolesOf(jwt.getClaim(ROLES_CLAIM)));
	}

	/** Accepts a JSON array or a space/comma separated string; unknown roles grant nothing. */
	static Set<Role> rolesOf(Object claim) {
		List<String> values;
		if (claim instanceof Collection<?> collection) {
			values = collection.stream().map(String::valueOf).toList();
		}
		else if (claim instanceof String text) {
			values = List.of(text.split("[\\s,]+"));
		}
		else {
			values = List.of();
		}
		Set<Role> roles = EnumSet.noneOf(Role.class);
		values.forEach(value -> Role.fromClaim(value).ifPresent(roles::add));
		return roles;
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.trim();
	}

}
