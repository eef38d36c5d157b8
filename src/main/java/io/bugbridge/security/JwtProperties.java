package io.bugbridge.security;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How API tokens are checked. Exactly one source of keys is used, in this order: an issuer
 * (OpenID discovery), a JWK set URL, a shared HS256 secret, and finally a secret generated into
 * the data directory so the embedded default works with no configuration.
 *
 * @param secret shared HS256 secret, at least 32 bytes ({@code BUGBRIDGE_JWT_SECRET})
 * @param issuerUri issuer of an identity provider; its discovery document names the keys
 * ({@code BUGBRIDGE_JWT_ISSUER_URI})
 * @param jwkSetUri JWK set of an identity provider without discovery ({@code BUGBRIDGE_JWT_JWK_SET_URI})
 * @param requireExpiry reject tokens without an {@code exp} claim
 * @param cacheSize verified tokens remembered so a repeated token is not verified again; 0 turns
 * the cache off ({@code BUGBRIDGE_JWT_CACHE_SIZE})
 * @param cacheMaxAge how long a verified token is remembered at most (never past its {@code exp});
 * bounds how long a revoked signing key or a changed secret is still honoured
 * ({@code BUGBRIDGE_JWT_CACHE_MAX_AGE})
 */
@ConfigurationProperties("bugbridge.jwt")
public record JwtProperties(String secret, URI issuerUri, URI jwkSetUri, boolean requireExpiry,
		@DefaultValue("10000") int cacheSize, @DefaultValue("60s") Duration cacheMaxAge) {

	boolean usesIdentityProvider() {
		return issuerUri != null || jwkSetUri != null;
	}

	boolean hasSecret() {
		return secret != null && !secret.isBlank();
	}

}
