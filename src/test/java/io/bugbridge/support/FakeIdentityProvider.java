package io.bugbridge.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * A minimal OpenID Connect provider on this machine: discovery, keys and a token endpoint that
 * hands out signed ID tokens with the claims a test chose. The test plays the user's part at the
 * authorization endpoint ({@link #approve}).
 */
public final class FakeIdentityProvider implements AutoCloseable {

	public static final String CLIENT_ID = "bugbridge-test";

	public static final String CLIENT_SECRET = "not-a-real-client-secret";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpServer server;

	private final RSAKey key;

	private final Map<String, Grant> grants = new ConcurrentHashMap<>();

	private FakeIdentityProvider(HttpServer server, RSAKey key) {
		this.server = server;
		this.key = key;
	}

	public static FakeIdentityProvider start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			FakeIdentityProvider idp = new FakeIdentityProvider(server,
					new RSAKeyGenerator(2048).keyID("test-key").generate());
			server.createContext("/.well-known/openid-configuration", idp::discovery);
			server.createContext("/jwks", exchange -> idp.json(exchange, new JWKSet(idp.key.toPublicJWK()).toJSONObject()));
			server.createContext("/token", idp::token);
			server.setExecutor(Executors.newSingleThreadExecutor(r -> {
				Thread thread = new Thread(r, "fake-idp");
				thread.setDaemon(true);
				return thread;
			}));
			server.start();
			return idp;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public String issuer() {
		return "http://127.0.0.1:" + server.getAddress().getPort();
	}

	/**
	 * The user signs in at the provider: takes the authorization request BugBridge redirected to
	 * and answers where the provider would send the browser back, with a code for these claims.
	 */
	public String approve(String authorizationRequest, Map<String, Object> claims) {
		Map<String, String> query = query(URI.create(authorizationRequest).getRawQuery());
		if (!CLIENT_ID.equals(query.get("client_id")) || !"code".equals(query.get("response_type"))) {
			throw new IllegalArgumentException("Not an authorization request for this client: " + authorizationRequest);
		}
		String code = UUID.randomUUID().toString();
		grants.put(code, new Grant(query.get("nonce"), claims));
		return query.get("redirect_uri") + "?code=" + code + "&state=" + query.get("state");
	}

	private void discovery(HttpExchange exchange) throws IOException {
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("issuer", issuer());
		metadata.put("authorization_endpoint", issuer() + "/authorize");
		metadata.put("token_endpoint", issuer() + "/token");
		metadata.put("jwks_uri", issuer() + "/jwks");
		metadata.put("response_types_supported", List.of("code"));
		metadata.put("subject_types_supported", List.of("public"));
		metadata.put("id_token_signing_alg_values_supported", List.of("RS256"));
		metadata.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
		metadata.put("scopes_supported", List.of("openid", "profile", "email"));
		json(exchange, metadata);
	}

	private void token(HttpExchange exchange) throws IOException {
		Map<String, String> form = query(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
		Grant grant = grants.remove(form.getOrDefault("code", ""));
		if (grant == null) {
			exchange.sendResponseHeaders(400, -1);
			exchange.close();
			return;
		}
		Instant now = Instant.now();
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(issuer())
			.subject("idp-" + grant.claims().getOrDefault("email", "someone"))
			.audience(CLIENT_ID)
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(300)))
			.claim("nonce", grant.nonce());
		grant.claims().forEach(claims::claim);
		try {
			SignedJWT idToken = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
					claims.build());
			idToken.sign(new RSASSASigner(key));
			json(exchange, Map.of("access_token", UUID.randomUUID().toString(), "token_type", "Bearer", "expires_in",
					300, "scope", "openid profile email", "id_token", idToken.serialize()));
		}
		catch (JOSEException ex) {
			throw new IOException(ex);
		}
	}

	private void json(HttpExchange exchange, Object body) throws IOException {
		byte[] bytes = JSON.writeValueAsBytes(body);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private static Map<String, String> query(String raw) {
		Map<String, String> values = new LinkedHashMap<>();
		if (raw == null || raw.isEmpty()) {
			return values;
		}
		for (String pair : raw.split("&")) {
			int equals = pair.indexOf('=');
			String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
			String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
			values.put(name, value);
		}
		return values;
	}

	@Override
	public void close() {
		server.stop(0);
	}

	private record Grant(String nonce, Map<String, Object> claims) {
	}

}
