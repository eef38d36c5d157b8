package io.bugbridge.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import io.bugbridge.agent.ModelCheck;
import io.bugbridge.jira.DoctorCheck;
import io.bugbridge.jira.JiraDoctor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/**
 * Checks the integrations with the service's own configuration (environment, application.yml,
 * {@code --property=value} arguments): it starts the application without opening a port and
 * without jobs or outbox delivery, runs the checks and prints one line per check, integration by
 * integration: Jira, then Claude (its key and model, with one cheap call).
 *
 * <p>Exit code 1 when a check of a configured integration fails. An integration that is not
 * configured is a {@code [WARN]} line, not a failure: BugBridge runs without Jira (tickets stay in
 * BugBridge) and without Claude (analyses come from the offline index), and the doctor should not
 * fail an installation for what it chose to leave off. {@code --require=jira,claude} makes a
 * missing integration a failure, for deployments that depend on it.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
		description = { "Check the integrations: Jira (credentials, project, issue types, priorities, transitions,"
				+ " customer field, webhook secret, outbox backlog) and Claude (API key and model).",
				"An integration that is not configured is a warning unless --require names it.",
				"Takes the service's configuration; extra --name=value arguments are Spring properties." })
class DoctorCommand implements Callable<Integer> {

	@Option(names = "--require", split = ",", paramLabel = "jira|claude",
			description = "Integrations that must be configured: without them the doctor fails.")
	List<String> required = new ArrayList<>();

	@Unmatched
	List<String> springArguments = new ArrayList<>();

	@Override
	public Integer call() {
		// A web context (the configuration is the service's own) that opens no port.
		List<String> args = new ArrayList<>(List.of("--server.port=-1", "--spring.main.banner-mode=off", "--bugbridge.jobs.enabled=false",
				"--bugbridge.jira.delivery.enabled=false", "--bugbridge.signin.demo-users=false", "--logging.level.root=WARN",
				"--logging.level.io.bugbridge=WARN", "--logging.level.org.springdoc=ERROR", "--spring.main.log-startup-info=false"));
		args.addAll(springArguments);
		List<DoctorCheck> jira;
		List<DoctorCheck> claude;
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(applicationClass())
			.run(args.toArray(String[]::new))) {
			JiraDoctor doctor = context.getBean(JiraDoctor.class);
			jira = doctor.enabled() || requires("jira") ? doctor.run() : notConfigured(doctor.run());
			claude = new ArrayList<>(List.of(claude(context.getBean(ModelCheck.class).refresh(), requires("claude"))));
			// Auto-Fix's Claude Code executor: the CLI's version, or why it is missing.
			context.getBeanProvider(io.bugbridge.fix.ClaudeCodeCheck.class).ifAvailable(cli -> claude.add(cli.check()));
		}
		catch (RuntimeException ex) {
			Throwable root = ex;
			while (root.getCause() != null) {
				root = root.getCause();
			}
			System.out.println("[FAIL] startup: " + root.getMessage()
					+ " -> fix: check the configuration the service runs with (database, JIRA_*, ANTHROPIC_* variables)");
			return 1;
		}
		System.out.println("Jira");
		jira.forEach(check -> System.out.println(check.line()));
		System.out.println("Claude");
		claude.forEach(check -> System.out.println(check.line()));
		List<DoctorCheck> all = new ArrayList<>(jira);
		all.addAll(claude);
		boolean failed = all.stream().anyMatch(check -> check.status() == DoctorCheck.Status.FAIL);
		System.out.println(failed ? "Set-up has problems: fix the [FAIL] lines above." : "Set-up looks good.");
		return failed ? 1 : 0;
	}

	private boolean requires(String integration) {
		return required.stream().anyMatch(name -> name.strip().equalsIgnoreCase(integration));
	}

	/** Jira left off: its "not configured" line as a warning. */
	private static List<DoctorCheck> notConfigured(List<DoctorCheck> checks) {
		return checks.stream()
			.map(check -> check.status() == DoctorCheck.Status.FAIL
					? new DoctorCheck(check.name(), DoctorCheck.Status.WARN, check.detail(), check.hint()) : check)
			.toList();
	}

	/** Claude's line: OK, FAIL with the reason and hint, or a warning when no key is set. */
	static DoctorCheck claude(ModelCheck.Result result, boolean required) {
		DoctorCheck.Status status = switch (result.state()) {
			case OK -> DoctorCheck.Status.OK;
			case FAIL -> DoctorCheck.Status.FAIL;
			case OFF -> required ? DoctorCheck.Status.FAIL : DoctorCheck.Status.WARN;
		};
		return new DoctorCheck("claude", status, result.detail(), result.hint());
	}

	/** The application this jar runs; looked up by name because the application class starts the CLI. */
	static Class<?> applicationClass() {
		try {
			return Class.forName("io.bugbridge.BugBridgeApplication");
		}
		catch (ClassNotFoundException ex) {
			throw new IllegalStateException("The BugBridge application class is missing from the class path", ex);
		}
	}

}
