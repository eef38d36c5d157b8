/**
 * Who may call what: bearer JWT validation (HS256 secret, issuer or JWK set), roles, the
 * {@link io.bugbridge.security.Caller} of a request and development token minting.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Security")
package io.bugbridge.security;
