package io.bugbridge.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Remembers tokens that were verified, so a client sending the same token on every request pays
 * for parsing, the signature and the claim checks once (about a fifth of a cheap read's CPU).
 *
 * <p>The key is the whole token text, signature included: a token differing in any character is
 * a different key and goes to the real decoder. Only tokens the decoder accepted are remembered,
 * each until the earlier of its {@code exp} and {@code maxAge} after it was verified; so a signing
 * key that is revoked, or a secret that is changed, stops being honoured within {@code maxAge}.
 * At most {@code maxSize} tokens are kept; when full, new tokens are verified every time until
 * entries expire.
 */
final class CachingJwtDecoder implements JwtDecoder {

	private record Verified(Jwt jwt, Instant until) {
	}

	private final JwtDecoder delegate;

	private final int maxSize;

	private final Duration maxAge;

	private final Clock clock;

	private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();

	CachingJwtDecoder(JwtDecoder delegate, int maxSize, Duration maxAge, Clock clock) {
		this.delegate = delegate;
		this.maxSize = maxSize;
		this.maxAge = maxAge;
		this.clock = clock;
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		Instant now = clock.instant();
		Verified hit = verified.get(token);
		if (hit != null) {
			if (now.isBefore(hit.until())) {
				return hit.jwt();
			}
			verified.remove(token, hit);
		}
		// Throws for a token it rejects, which is therefore never remembered.
		Jwt jwt = delegate.decode(token);
		Instant until = now.plus(maxAge);
		if (jwt.getExpiresAt() != null && jwt.getExpiresAt().isBefore(until)) {
			until = jwt.getExpiresAt();
		}
		if (now.isBefore(until) && room(now)) {
			verified.put(token, new Verified(jwt, until));
		}
		return jwt;
	}

	private boolean room(Instant now) {
		if (verified.size() < maxSize) {
			return true;
		}
		verified.values().removeIf(entry -> !now.isBefore(entry.until()));
		return verified.size() < maxSize;
	}

	int size() {
		return verified.size();
	}

}
