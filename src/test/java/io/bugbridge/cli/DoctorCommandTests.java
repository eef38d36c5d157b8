package io.bugbridge.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.bugbridge.jira.JiraDoctorFixture;
import io.bugbridge.support.AnthropicSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code java -jar bugbridge.jar doctor} against the Jira and Anthropic simulators. */
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
		// Claude is off here: a warning that says what to set, not a failure.
		assertThat(result.out()).contains("[WARN] claude: ANTHROPIC_API_KEY is not set", "-> fix: set ANTHROPIC_API_KEY",
				"Set-up looks good.");
	}

	@Test
	void checksClaudesKeyAndModel() {
		try (AnthropicSimulator anthropic = AnthropicSimulator.start().acceptModels("claude-sonnet-5")) {
			List<String> args = new ArrayList<>(jira.arguments(true));
			args.addAll(List.of("--bugbridge.ai.api-key=" + AnthropicSimulator.API_KEY,
					"--bugbridge.ai.base-url=" + anthropic.baseUrl(), "--bugbridge.ai.model=claude-sonnet-5"));

			Result result = run(args);

			assertThat(result.code()).as(result.out()).isZero();
			assertThat(result.out()).contains("[ OK ] claude: model claude-sonnet-5 (Claude Sonnet 5) answers at "
					+ anthropic.baseUrl());
			assertThat(result.out()).doesNotContain(AnthropicSimulator.API_KEY);
			assertThat(anthropic.violations()).isEmpty();
		}
	}

	@Test
	void aRetiredModelIsAFailureWithTheFixNotAStackTrace() {
		try (AnthropicSimulator anthropic = AnthropicSimulator.start().acceptModels("claude-sonnet-5")) {
			List<String> args = new ArrayList<>(jira.arguments(true));
			args.addAll(List.of("--bugbridge.ai.api-key=" + AnthropicSimulator.API_KEY,
					"--bugbridge.ai.base-url=" + anthropic.baseUrl(), "--bugbridge.ai.model=claude-sonnet-4-20250514"));

			Result result = run(args);

			assertThat(result.code()).as(result.out()).isEqualTo(1);
			assertThat(result.out()).contains("[FAIL] claude: model not available: claude-sonnet-4-20250514 (404)",
					"-> fix: set bugbridge.ai.model", "[ OK ] credentials:", "Set-up has problems");
			assertThat(result.out()).doesNotContain("Exception", "\tat ");
		}
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
	void integrationsLeftOffAreWarningsUnlessRequired() {
		String database = "--spring.datasource.url=jdbc:h2:mem:doctor_" + UUID.randomUUID()
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

		Result optional = run(List.of(database));
		Result required = run(List.of("--require=jira", database));

		assertThat(optional.code()).as(optional.out()).isZero();
		assertThat(optional.out()).contains("[WARN] configuration: JIRA_URL is not set",
				"[WARN] claude: ANTHROPIC_API_KEY is not set");
		assertThat(required.code()).as(required.out()).isEqualTo(1);
		assertThat(required.out()).contains("[FAIL] configuration: JIRA_URL is not set",
				"[WARN] claude: ANTHROPIC_API_KEY is not set");
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
