package io.bugbridge.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/** Signs HS256 tokens with the service's secret: for development and for tests. */
public final class TokenMinter {

	private final JwtSecret secret;

	public TokenMinter(JwtSecret secret) {
		this.secret = secret;
	}

	public String mint(String subject, String email, String customerId, List<Role> roles, Duration timeToLive) {
		Instant now = Instant.now();
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(subject)
			.jwtID(UUID.randomUUID().toString())
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(timeToLive)))
			.claim(Caller.ROLES_CLAIM, roles.stream().map(Role::claimValue).toList());
		if (email != null) {
			claims.claim(Caller.EMAIL_CLAIM, email);
		}
		if (customerId != null) {
			claims.claim(Caller.CUSTOMER_ID_CLAIM, customerId);
		}
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
			jwt.sign(new MACSigner(secret.bytes()));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Cannot sign token", ex);
		}
	}

}
