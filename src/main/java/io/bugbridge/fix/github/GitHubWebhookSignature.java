package io.bugbridge.fix.github;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body, keyed with the webhook
 * secret>} (GitHub docs "Validating webhook deliveries"), compared in constant time.
 */
public final class GitHubWebhookSignature {

	public static final String HEADER = "X-Hub-Signature-256";

	private GitHubWebhookSignature() {
	}

	public static String sign(String secret, byte[] body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	public static boolean valid(String secret, byte[] body, String header) {
		if (secret == null || secret.isEmpty() || header == null) {
			return false;
		}
		byte[] expected = sign(secret, body).getBytes(StandardCharsets.US_ASCII);
		byte[] given = header.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
		return MessageDigest.isEqual(expected, given);
	}

}
