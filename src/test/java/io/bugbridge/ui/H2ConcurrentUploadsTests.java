package io.bugbridge.ui;

import java.nio.file.Path;
import java.util.UUID;

import io.bugbridge.support.ApiTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * On the embedded default as the report used it: the H2 file database under the data directory
 * (the production URL with its default lock timeout), not the in-memory H2 of other tests.
 */
@ApiTest
class H2ConcurrentUploadsTests extends ConcurrentUploadsContract {

	@DynamicPropertySource
	static void embeddedDefault(DynamicPropertyRegistry registry) {
		// H2 refuses a database path relative to the working directory.
		registry.add("bugbridge.data-dir",
				() -> Path.of("target", "test-data", "uploads-" + UUID.randomUUID()).toAbsolutePath().toString());
	}

}
