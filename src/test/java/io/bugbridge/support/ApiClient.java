package io.bugbridge.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.bugbridge.security.JwtSecret;
import io.bugbridge.security.Role;
import io.bugbridge.security.TokenMinter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Talks to the service the way a client portal does: HTTP, JSON, bearer tokens. */
public final class ApiClient {

	public static final String TEST_SECRET = "test-secret-that-is-long-enough-for-hs256-0123456789";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String baseUrl;

	public ApiClient(int port) {
		this.baseUrl = "http://localhost:" + port;
	}

	public static String customerToken(String email, String customerId) {
		return token(email, customerId, List.of(Role.CUSTOMER), Duration.ofHours(1));
	}

	public static String adminToken(String email) {
		return token(email, null, List.of(Role.ADMIN), Duration.ofHours(1));
	}

	public static String token(String email, String customerId, List<Role> roles, Duration ttl) {
		JwtSecret secret = new JwtSecret(TEST_SECRET.getBytes(StandardCharsets.UTF_8), null, false);
		return new TokenMinter(secret).mint(email, email, customerId, roles, ttl);
	}

	/** A token signed with the test secret whose claims lack {@code claim} (e.g. {@code sub}). */
	public static String tokenWithout(String claim, String email, String customerId, List<Role> roles, Duration ttl) {
		return signed(claims(email, customerId, roles, ttl).claim(claim, null).build(), TEST_SECRET);
	}

	/** A token like {@link #customerToken} but signed with another secret. */
	public static String tokenSignedWith(String secret, String email, String customerId, List<Role> roles) {
		return signed(claims(email, customerId, roles, Duration.ofHours(1)).build(), secret);
	}

	/** An unsigned token ({@code "alg": "none"}) with valid-looking claims. */
	public static String unsignedToken(String email, String customerId, List<Role> roles) {
		return new com.nimbusds.jwt.PlainJWT(claims(email, customerId, roles, Duration.ofHours(1)).build()).serialize();
	}

	private static com.nimbusds.jwt.JWTClaimsSet.Builder claims(String email, String customerId, List<Role> roles,
			Duration ttl) {
		java.time.Instant now = java.time.Instant.now();
		return new com.nimbusds.jwt.JWTClaimsSet.Builder().subject(email)
			.claim("email", email)
			.claim("customer_id", customerId)
			.claim("roles", roles.stream().map(role -> role.name().toLowerCase(java.util.Locale.ROOT)).toList())
			.issueTime(java.util.Date.from(now))
			.expirationTime(java.util.Date.from(now.plus(ttl)));
	}

	private static String signed(com.nimbusds.jwt.JWTClaimsSet claims, String secret) {
		try {
			com.nimbusds.jwt.SignedJWT jwt = new com.nimbusds.jwt.SignedJWT(
					new com.nimbusds.jose.JWSHeader(com.nimbusds.jose.JWSAlgorithm.HS256), claims);
			jwt.sign(new com.nimbusds.jose.crypto.MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
			return jwt.serialize();
		}
		catch (com.nimbusds.jose.JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public Response get(String path, String token) {
		return send(request(path, token).GET().build());
	}

	public Response post(String path, String token, String json) {
		return postWithType(path, token, "application/json", json);
	}

	public Response postWithType(String path, String token, String contentType, String body) {
		return send(request(path, token).header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build());
	}

	public Response patch(String path, String token, String json) {
		return send(request(path, token).header("Content-Type", "application/json")
			.method("PATCH", HttpRequest.BodyPublishers.ofString(json))
			.build());
	}

	public Response delete(String path, String token) {
		return send(request(path, token).DELETE().build());
	}

	public Response post(String path, String token, HttpRequest.BodyPublisher body) {
		return send(request(path, token).header("Content-Type", "application/json").POST(body).build());
	}

	private HttpRequest.Builder request(String path, String token) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
			.timeout(Duration.ofSeconds(30))
			.header("Accept", "application/json, application/problem+json");
		if (token != null) {
			builder.header("Authorization", "Bearer " + token);
		}
		return builder;
	}

	private Response send(HttpRequest request) {
		try {
			HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
					response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public record Response(int status, String contentType, String body) {

		public JsonNode json() {
			return JSON.readTree(body);
		}

		@Override
		public String toString() {
			return status + " " + contentType + " " + body;
		}

	}

}
