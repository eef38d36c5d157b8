package io.bugbridge.jira;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of an admin webhook with a secret: {@code X-Hub-Signature: sha256=<hex HMAC-SHA256
 * of the raw body>}. Compared in constant time.
 */
final class WebhookSignature {

	static final String HEADER = "X-Hub-Signature";

	private WebhookSignature() {
	}

	static String sign(String secret, byte[] body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	static boolean valid(String secret, byte[] body, String header) {
		if (secret == null || header == null) {
			return false;
		}
		String expected = sign(secret, body);
		return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
				header.trim().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
	}

}
