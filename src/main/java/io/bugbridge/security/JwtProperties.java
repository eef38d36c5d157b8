package io.bugbridge.security;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;

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
 */
@ConfigurationProperties("bugbridge.jwt")
public record JwtProperties(String secret, URI issuerUri, URI jwkSetUri, boolean requireExpiry) {

	boolean usesIdentityProvider() {
		return issuerUri != null || jwkSetUri != null;
	}

	boolean hasSecret() {
		return secret != null && !secret.isBlank();
	}

}
