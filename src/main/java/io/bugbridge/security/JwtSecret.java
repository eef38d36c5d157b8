package io.bugbridge.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import io.bugbridge.config.DataDirectory;

/**
 * The HS256 key API tokens are signed with: the configured secret, or one generated once into the
 * data directory (mode 600) so that a fresh install works and tokens survive restarts.
 *
 * @param generatedFile the file the secret was read from or written to; null when configured
 * @param generatedNow true when this call created the file
 */
public record JwtSecret(byte[] bytes, Path generatedFile, boolean generatedNow) {

	public static final int MINIMUM_BYTES = 32;

	public static final String FILE_NAME = "jwt-secret";

	public static final String ENVIRONMENT_VARIABLE = "BUGBRIDGE_JWT_SECRET";

	public JwtSecret {
		if (bytes.length < MINIMUM_BYTES) {
			throw new IllegalStateException(ENVIRONMENT_VARIABLE + " must be at least " + MINIMUM_BYTES
					+ " bytes for HS256; it has " + bytes.length + ". Generate one with: openssl rand -base64 48");
		}
	}

	/** The configured secret when there is one, else the data directory's secret file. */
	public static JwtSecret resolve(String configured, DataDirectory dataDirectory) {
		if (configured != null && !configured.isBlank()) {
			return new JwtSecret(configured.getBytes(StandardCharsets.UTF_8), null, false);
		}
		return fromFile(dataDirectory.createIfMissing().resolve(FILE_NAME));
	}

	static JwtSecret fromFile(Path file) {
		try {
			if (Files.exists(file)) {
				return new JwtSecret(read(file), file, false);
			}
			byte[] random = new byte[48];
			new SecureRandom().nextBytes(random);
			String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
			try {
				createPrivateFile(file);
			}
			catch (FileAlreadyExistsException raced) {
				// Another process (a second node, the token command) created it first: use theirs.
				return new JwtSecret(read(file), file, false);
			}
			Files.writeString(file, encoded + "\n", StandardCharsets.UTF_8);
			return new JwtSecret(encoded.getBytes(StandardCharsets.UTF_8), file, true);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read or create the JWT secret file " + file
					+ "; set " + ENVIRONMENT_VARIABLE + " or make the data directory writable", ex);
		}
	}

	private static void createPrivateFile(Path file) throws IOException {
		if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
			Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		}
		else {
			Files.createFile(file);
		}
	}

	private static byte[] read(Path file) throws IOException {
		return Files.readString(file, StandardCharsets.UTF_8).trim().getBytes(StandardCharsets.UTF_8);
	}

	public SecretKey key() {
		return new SecretKeySpec(bytes, "HmacSHA256");
	}

	@Override
	public String toString() {
		// Never print the key itself.
		return "JwtSecret[" + (generatedFile == null ? "configured" : generatedFile) + "]";
	}

}
