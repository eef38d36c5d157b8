package io.bugbridge;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;

import io.bugbridge.tracker.TicketTracker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With nothing configured but the data directory, the service starts on an H2 file database and a
 * generated secret in that directory, with the local tracker.
 */
class EmbeddedDefaultTests {

	@TempDir
	Path dataDir;

	@Test
	void startsWithAnH2FileAndAGeneratedSecretInTheDataDirectory() throws Exception {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(BugBridgeApplication.class)
			.run("--server.port=0", "--bugbridge.data-dir=" + dataDir, "--bugbridge.jwt.secret=")) {
			assertThat(context.getBean(TicketTracker.class).name()).isEqualTo("local");
			assertThat(dataDir.resolve("bugbridge.mv.db")).exists();
			Path secret = dataDir.resolve("jwt-secret");
			assertThat(Files.getPosixFilePermissions(secret)).containsExactlyInAnyOrder(
					PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
		}
	}

}
