package io.bugbridge.security;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;

import io.bugbridge.config.DataDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JwtSecretTests {

	@TempDir
	Path dataDir;

	@Test
	void generatesAPrivateSecretOnceAndReusesIt() throws Exception {
		JwtSecret first = JwtSecret.resolve(null, new DataDirectory(dataDir.resolve("nested")));
		JwtSecret second = JwtSecret.resolve("", new DataDirectory(dataDir.resolve("nested")));

		Path file = dataDir.resolve("nested/jwt-secret");
		assertThat(first.generatedNow()).isTrue();
		assertThat(second.generatedNow()).isFalse();
		assertThat(second.bytes()).isEqualTo(first.bytes());
		assertThat(first.bytes().length).isGreaterThanOrEqualTo(JwtSecret.MINIMUM_BYTES);
		assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
				PosixFilePermission.OWNER_WRITE);
	}

	@Test
	void aConfiguredSecretWinsAndNeverTouchesTheDataDirectory() {
		String configured = "a-configured-secret-of-at-least-32-bytes!";

		JwtSecret secret = JwtSecret.resolve(configured, new DataDirectory(dataDir));

		assertThat(secret.bytes()).isEqualTo(configured.getBytes(StandardCharsets.UTF_8));
		assertThat(dataDir.resolve("jwt-secret")).doesNotExist();
	}

	@Test
	void aShortSecretIsRefusedWithAHint() {
		assertThatThrownBy(() -> JwtSecret.resolve("too-short", new DataDirectory(dataDir)))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("BUGBRIDGE_JWT_SECRET")
			.hasMessageContaining("32 bytes");
	}

	@Test
	void neverPrintsTheKey() {
		String configured = "a-configured-secret-of-at-least-32-bytes!";

		assertThat(JwtSecret.resolve(configured, new DataDirectory(dataDir)).toString()).doesNotContain(configured);
	}

}
