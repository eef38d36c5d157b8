package io.bugbridge.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.spec.SecretKeySpec;

import io.bugbridge.support.ApiClient;
import io.bugbridge.support.MutableClock;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The cache of verified tokens in front of the real HS256 decoder, on a clock the test moves. */
class CachingJwtDecoderTests {

	final MutableClock clock = new MutableClock(Instant.now());

	final AtomicInteger verifications = new AtomicInteger();

	final JwtDecoder real = realDecoder();

	private JwtDecoder realDecoder() {
		NimbusJwtDecoder decoder = NimbusJwtDecoder
			.withSecretKey(new SecretKeySpec(ApiClient.TEST_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"))
			.macAlgorithm(MacAlgorithm.HS256)
			.build();
		// No clock skew, on the test's clock: a token is expired the moment its exp passes.
		JwtTimestampValidator timestamps = new JwtTimestampValidator(Duration.ZERO);
		timestamps.setClock(clock);
		decoder.setJwtValidator(timestamps);
		return token -> {
			verifications.incrementAndGet();
			return decoder.decode(token);
		};
	}

	CachingJwtDecoder cache(int size, Duration maxAge) {
		return new CachingJwtDecoder(real, size, maxAge, clock);
	}

	static String token(String email, Duration ttl) {
		return ApiClient.token(email, "acme", List.of(Role.CUSTOMER), ttl);
	}

	@Test
	void aRepeatedTokenIsVerifiedOnce() {
		CachingJwtDecoder decoder = cache(100, Duration.ofMinutes(5));
		String token = token("alice@acme.example", Duration.ofHours(1));

		assertThat(decoder.decode(token).getSubject()).isEqualTo("alice@acme.example");
		assertThat(decoder.decode(token).getSubject()).isEqualTo("alice@acme.example");

		assertThat(verifications).hasValue(1);
	}

	@Test
	void anExpiredTokenIsRejectedEvenThoughItWasCached() {
		CachingJwtDecoder decoder = cache(100, Duration.ofHours(2));
		String token = token("alice@acme.example", Duration.ofMinutes(10));
		decoder.decode(token);

		clock.advance(Duration.ofMinutes(11));

		assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtException.class).hasMessageContaining("expired");
		assertThat(decoder.size()).isZero();
	}

	@Test
	void aTamperedTokenNeverHitsTheCache() {
		CachingJwtDecoder decoder = cache(100, Duration.ofMinutes(5));
		String token = token("alice@acme.example", Duration.ofHours(1));
		decoder.decode(token);
		String[] parts = token.split("\\.");
		// Mallory's claims under Alice's signature, and Alice's token with one signature character changed.
		String otherClaims = token("mallory@evil.example", Duration.ofHours(1)).split("\\.")[1];
		String swappedClaims = parts[0] + "." + otherClaims + "." + parts[2];
		char c = parts[2].charAt(10);
		String changedSignature = parts[0] + "." + parts[1] + "." + parts[2].substring(0, 10) + (c == 'A' ? 'B' : 'A')
				+ parts[2].substring(11);

		assertThatThrownBy(() -> decoder.decode(swappedClaims)).isInstanceOf(JwtException.class);
		assertThatThrownBy(() -> decoder.decode(changedSignature)).isInstanceOf(JwtException.class);
		assertThat(verifications).hasValue(3);
		assertThat(decoder.decode(token).getSubject()).isEqualTo("alice@acme.example");
	}

	@Test
	void aRejectedTokenIsNotRemembered() {
		CachingJwtDecoder decoder = cache(100, Duration.ofMinutes(5));
		String forged = ApiClient.tokenSignedWith("another-secret-that-is-long-enough-for-hs256-xyz", "eve@acme.example",
				"acme", List.of(Role.ADMIN));

		assertThatThrownBy(() -> decoder.decode(forged)).isInstanceOf(JwtException.class);
		assertThatThrownBy(() -> decoder.decode(forged)).isInstanceOf(JwtException.class);

		assertThat(verifications).hasValue(2);
		assertThat(decoder.size()).isZero();
	}

	@Test
	void aTokenIsVerifiedAgainAfterTheMaximumAgeEvenBeforeItExpires() {
		CachingJwtDecoder decoder = cache(100, Duration.ofSeconds(60));
		String token = token("alice@acme.example", Duration.ofHours(1));
		decoder.decode(token);

		clock.advance(Duration.ofSeconds(61));
		decoder.decode(token);

		assertThat(verifications).hasValue(2);
	}

	@Test
	void theCacheHoldsAtMostItsSize() {
		CachingJwtDecoder decoder = cache(2, Duration.ofMinutes(5));
		for (int i = 0; i < 5; i++) {
			assertThat(decoder.decode(token("user" + i + "@acme.example", Duration.ofHours(1))).getSubject())
				.isEqualTo("user" + i + "@acme.example");
		}

		assertThat(decoder.size()).isEqualTo(2);
	}

}
