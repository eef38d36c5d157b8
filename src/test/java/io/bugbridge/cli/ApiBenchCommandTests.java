package io.bugbridge.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code java -jar bugbridge.jar bench api}, on a small generated data set. */
class ApiBenchCommandTests {

	@TempDir
	Path dataDir;

	@Test
	void generatesTicketsStartsTheServiceAndPrintsLatenciesOfEveryEndpoint() {
		PrintStream original = System.out;
		ByteArrayOutputStream buffer = new ByteArrayOutputStream();
		System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
		int code;
		try {
			code = BugBridgeCli.run(new String[] { "bench", "api", "--tickets", "400", "--customers", "20",
					"--requests", "20", "--concurrency", "2", "--data-dir", dataDir.toString() },
					io.bugbridge.BugBridgeApplication.class);
		}
		finally {
			System.setOut(original);
		}
		String out = buffer.toString(StandardCharsets.UTF_8);

		assertThat(code).as(out).isZero();
		assertThat(out).contains("database=H2 tickets=400", "generated 400 tickets", "compacted the database").doesNotContain("password:");
		assertThat(out).containsPattern("stats\\s+1 client\\s+[0-9.]+\\s+[0-9.]+")
			.containsPattern("admin search \\(filters\\)\\s+2 clients\\s+[0-9.]+")
			.containsPattern("full-text search\\s+1 client\\s+[0-9.]+")
			.containsPattern("my-tickets\\s+2 clients\\s+[0-9.]+");
	}

}
