package io.bugbridge.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import io.bugbridge.config.DataDirectory;
import io.bugbridge.security.JwtSecret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;

class TokenCommandTests {

	@TempDir
	Path dataDir;

	@Test
	void mintsATokenTheServiceAccepts() {
		String out = run("token", "--email", "user@client.com", "--customer", "uuid", "--role", "customer",
				"--data-dir", dataDir.toString());

		JwtSecret secret = JwtSecret.resolve(null, new DataDirectory(dataDir));
		Jwt jwt = NimbusJwtDecoder.withSecretKey(secret.key()).macAlgorithm(MacAlgorithm.HS256).build().decode(out.trim());
		assertThat(jwt.getSubject()).isEqualTo("user@client.com");
		assertThat(jwt.getClaimAsString("email")).isEqualTo("user@client.com");
		assertThat(jwt.getClaimAsString("customer_id")).isEqualTo("uuid");
		assertThat(jwt.getClaimAsStringList("roles")).isEqualTo(List.of("customer"));
		assertThat(jwt.getExpiresAt()).isAfter(jwt.getIssuedAt());
	}

	@Test
	void adminTokensNeedNoCustomer() {
		String out = run("token", "--email", "admin@example.com", "--role", "admin", "--ttl", "30m", "--data-dir",
				dataDir.toString());

		assertThat(out.trim().split("\\.")).hasSize(3);
	}

	@Test
	void aCustomerTokenWithoutCustomerIsRefused() {
		assertThat(BugBridgeCli.run(new String[] { "token", "--email", "a@b.example", "--data-dir", dataDir.toString() }))
			.isEqualTo(2);
	}

	@Test
	void knowsCommandsFromSpringOptions() {
		assertThat(BugBridgeCli.isCommand(new String[] { "token" })).isTrue();
		assertThat(BugBridgeCli.isCommand(new String[] { "--server.port=9090" })).isFalse();
		assertThat(BugBridgeCli.isCommand(new String[0])).isFalse();
	}

	private static String run(String... args) {
		PrintStream original = System.out;
		ByteArrayOutputStream buffer = new ByteArrayOutputStream();
		System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
		try {
			assertThat(BugBridgeCli.run(args)).isZero();
		}
		finally {
			System.setOut(original);
		}
		return buffer.toString(StandardCharsets.UTF_8);
	}

}
