package io.bugbridge.security;

import java.util.Optional;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;

/** The {@link Caller} of the current request, for code that may also run for someone not signed in. */
public final class CurrentCaller {

	private CurrentCaller() {
	}

	public static Optional<Caller> get() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null) {
			return Optional.empty();
		}
		if (authentication.getPrincipal() instanceof Jwt jwt) {
			return Optional.of(Caller.from(jwt));
		}
		if (authentication.getPrincipal() instanceof CallerPrincipal signedIn) {
			return Optional.of(signedIn.caller());
		}
		return Optional.empty();
	}

}
