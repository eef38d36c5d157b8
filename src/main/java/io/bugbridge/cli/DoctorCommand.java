package io.bugbridge.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import io.bugbridge.jira.DoctorCheck;
import io.bugbridge.jira.JiraDoctor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * Checks the Jira set-up with the service's own configuration (environment, application.yml,
 * {@code --property=value} arguments): it starts the application without opening a port and
 * without jobs or outbox delivery, runs the checks and prints one line per check. Exit code 1 when one fails.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
		description = { "Check the Jira connection: credentials, project, issue types, priorities, transitions,"
				+ " customer field, webhook secret and outbox backlog.",
				"Takes the service's configuration; extra --name=value arguments are Spring properties." })
class DoctorCommand implements Callable<Integer> {

	@Unmatched
	List<String> springArguments = new ArrayList<>();

	@Override
	public Integer call() {
		// A web context (the configuration is the service's own) that opens no port.
		List<String> args = new ArrayList<>(List.of("--server.port=-1", "--spring.main.banner-mode=off", "--bugbridge.jobs.enabled=false",
				"--bugbridge.jira.delivery.enabled=false", "--bugbridge.signin.demo-users=false", "--logging.level.root=WARN",
				"--logging.level.io.bugbridge=WARN", "--logging.level.org.springdoc=ERROR", "--spring.main.log-startup-info=false"));
		args.addAll(springArguments);
		List<DoctorCheck> checks;
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(applicationClass())
			.run(args.toArray(String[]::new))) {
			List<DoctorCheck> found = new ArrayList<>(context.getBean(JiraDoctor.class).run());
			// Auto-Fix's Claude Code executor: the CLI's version, or why it is missing.
			context.getBeanProvider(io.bugbridge.fix.agent.ClaudeCodeCheck.class).ifAvailable(cli -> found.add(cli.check()));
			checks = found;
		}
		catch (RuntimeException ex) {
			Throwable root = ex;
			while (root.getCause() != null) {
				root = root.getCause();
			}
			System.out.println("[FAIL] startup: " + root.getMessage()
					+ " -> fix: check the configuration the service runs with (database, JIRA_* variables)");
			return 1;
		}
		checks.forEach(check -> System.out.println(check.line()));
		boolean failed = checks.stream().anyMatch(check -> check.status() == DoctorCheck.Status.FAIL);
		System.out.println(failed ? "Jira set-up has problems: fix the [FAIL] lines above." : "Jira set-up looks good.");
		return failed ? 1 : 0;
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
