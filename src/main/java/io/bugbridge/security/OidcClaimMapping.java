package io.bugbridge.security;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;

/**
 * Turns the claims of an identity provider's ID token (and user info) into a {@link Caller}: which
 * claims hold the e-mail, name, customer account and roles is configuration
 * ({@code bugbridge.signin.oidc.*}). Someone without a BugBridge role, a customer without a
 * customer account, or anyone without an e-mail is refused at sign-in, with the reason.
 */
final class OidcClaimMapping {

	static final String ACCESS_DENIED = "access_denied";

	private final SignInProperties.Oidc settings;

	OidcClaimMapping(SignInProperties.Oidc settings) {
		this.settings = settings;
	}

	Caller caller(String subject, Map<String, Object> claims) {
		String email = text(claimAt(claims, settings.emailClaim()));
		if (email == null) {
			throw refused("Your account at the identity provider has no e-mail address (claim '"
					+ settings.emailClaim() + "').");
		}
		Set<Role> roles = roles(claimAt(claims, settings.rolesClaim()));
		if (roles.isEmpty()) {
			throw refused("Your account has no BugBridge role: claim '" + settings.rolesClaim() + "' must contain '"
					+ settings.adminRole() + "' or '" + settings.customerRole() + "'.");
		}
		String customerId = text(claimAt(claims, settings.customerIdClaim()));
		if (!roles.contains(Role.ADMIN) && customerId == null) {
			throw refused("Your account has no customer account (claim '" + settings.customerIdClaim()
					+ "'), so there are no tickets it could see.");
		}
		return new Caller(subject, email, text(claimAt(claims, settings.nameClaim())), customerId, roles);
	}

	private Set<Role> roles(Object claim) {
		List<String> values;
		if (claim instanceof Collection<?> collection) {
			values = collection.stream().map(String::valueOf).toList();
		}
		else if (claim instanceof String string) {
			values = List.of(string.split("[\\s,]+"));
		}
		else {
			values = List.of();
		}
		Set<Role> roles = EnumSet.noneOf(Role.class);
		for (String value : values) {
			if (value.trim().equalsIgnoreCase(settings.adminRole())) {
				roles.add(Role.ADMIN);
			}
			if (value.trim().equalsIgnoreCase(settings.customerRole())) {
				roles.add(Role.CUSTOMER);
			}
		}
		return roles;
	}

	/** A claim by name, or by a dotted path into nested objects ({@code realm_access.roles}). */
	static Object claimAt(Map<String, Object> claims, String path) {
		if (path == null || path.isBlank()) {
			return null;
		}
		if (claims.containsKey(path)) {
			return claims.get(path);
		}
		Object current = claims;
		for (String part : path.split("\\.")) {
			if (!(current instanceof Map<?, ?> map)) {
				return null;
			}
			current = map.get(part);
		}
		return current;
	}

	private static String text(Object value) {
		if (value == null) {
			return null;
		}
		String text = String.valueOf(value).trim();
		return text.isEmpty() ? null : text;
	}

	private static OAuth2AuthenticationException refused(String reason) {
		return new OAuth2AuthenticationException(new OAuth2Error(ACCESS_DENIED, reason, null), reason);
	}

}
