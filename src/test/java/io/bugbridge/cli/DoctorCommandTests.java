package io.bugbridge.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.bugbridge.jira.JiraDoctorFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code java -jar bugbridge.jar doctor} against the Jira simulator. */
class DoctorCommandTests {

	private final JiraDoctorFixture jira = new JiraDoctorFixture();

	@AfterEach
	void stop() {
		jira.close();
	}

	@Test
	void printsOneLinePerCheckAndSucceedsWhenJiraIsSetUp() {
		Result result = run(jira.arguments(true));

		assertThat(result.code()).as(result.out()).isZero();
		assertThat(result.out()).contains("[ OK ] credentials: authenticated as BugBridge", "[ OK ] project: AURA",
				"[ OK ] issue types", "[ OK ] priorities", "[ OK ] transitions", "[ OK ] customer field",
				"[ OK ] webhook secret", "[ OK ] outbox: 0 waiting");
		assertThat(result.out()).doesNotContain("test-api-token").doesNotContain(jira.webhookSecret());
		// Auto-Fix's Claude Code executor: the CLI's version or why it is missing; not needed with the default executor.
		assertThat(result.out()).contains("[ OK ] claude-code:", "(bugbridge.ai.executor=api)");
	}

	@Test
	void failsWithAFixHintWhenCredentialsOrSecretAreWrong() {
		List<String> args = new ArrayList<>(jira.arguments(false));
		args.add("--bugbridge.jira.email=someone-else@acme.example");

		Result result = run(args);

		assertThat(result.code()).isEqualTo(1);
		assertThat(result.out()).contains("[FAIL] credentials:", "-> fix: check JIRA_EMAIL and JIRA_API_TOKEN",
				"[FAIL] webhook secret:");
	}

	@Test
	void saysSoWhenJiraIsNotConfigured() {
		Result result = run(List.of("--spring.datasource.url=jdbc:h2:mem:doctor_" + UUID.randomUUID()
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"));

		assertThat(result.code()).isEqualTo(1);
		assertThat(result.out()).contains("[FAIL] configuration: JIRA_URL is not set");
	}

	record Result(int code, String out) {
	}

	private static Result run(List<String> args) {
		List<String> all = new ArrayList<>(List.of("doctor"));
		all.addAll(args);
		PrintStream original = System.out;
		ByteArrayOutputStream buffer = new ByteArrayOutputStream();
		System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
		int code;
		try {
			code = BugBridgeCli.run(all.toArray(String[]::new));
		}
		finally {
			System.setOut(original);
		}
		return new Result(code, buffer.toString(StandardCharsets.UTF_8));
	}

}
