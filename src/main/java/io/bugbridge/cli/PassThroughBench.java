package io.bugbridge.cli;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import io.bugbridge.cli.ClosedLoop.Figures;
import picocli.CommandLine.Option;

/**
 * {@code bench api --pass-through}: the brief's original design (every request becomes Jira calls,
 * see {@link PassThroughJira}) measured against any Jira, to set beside the local figures of
 * {@code bench api}. Reads a customer's tickets from Jira itself; submissions create real issues,
 * so they run only with {@code --submit}.
 */
class PassThroughBench {

	@Option(names = "--pass-through", description = "Measure the brief's pass-through design against --jira-url instead of the service.")
	boolean enabled;

	@Option(names = "--jira-url", description = "Jira site, e.g. https://acme.atlassian.net or the test simulator.")
	String url;

	@Option(names = "--jira-email", description = "Jira account e-mail.")
	String email;

	@Option(names = "--jira-token", defaultValue = "${env:BUGBRIDGE_JIRA_API_TOKEN}",
			description = "Jira API token. Default: $BUGBRIDGE_JIRA_API_TOKEN.")
	String token;

	@Option(names = "--jira-project", defaultValue = "AURA", description = "Project key. Default: ${DEFAULT-VALUE}.")
	String project;

	@Option(names = "--jira-customer-field", defaultValue = "customfield_10050",
			description = "Custom field with the customer id. Default: ${DEFAULT-VALUE}.")
	String customerField;

	@Option(names = "--jira-customer-id", description = "Customer whose tickets are read (my tickets, ticket details).")
	String customerId;

	@Option(names = "--jira-timeout", defaultValue = "10s", description = "Per-call timeout (ISO or 10s). Default: ${DEFAULT-VALUE}.")
	String timeout;

	@Option(names = "--submit", description = "Also measure submissions (creates issues in that Jira).")
	boolean submit;

	int run(int requests, int concurrency) throws Exception {
		if (url == null || email == null || token == null || token.isBlank() || customerId == null) {
			System.err.println("--pass-through needs --jira-url, --jira-email, --jira-customer-id and a token"
					+ " (--jira-token or BUGBRIDGE_JIRA_API_TOKEN)");
			return 2;
		}
		Duration callTimeout = Duration.parse("PT" + timeout.toUpperCase(Locale.ROOT));
		PassThroughJira jira = new PassThroughJira(url, email, token, project, customerField, callTimeout);
		List<String> keys = jira.myTickets(customerId);
		if (keys.isEmpty() && !submit) {
			System.err.println("customer " + customerId + " has no tickets in " + project + "; use --submit to create some");
			return 2;
		}
		if (keys.isEmpty()) {
			keys = List.of(jira.submit(customerId, "Pass-through benchmark", "Created by bench api --pass-through", "Medium"));
		}
		List<String> tickets = keys;
		System.out.printf("pass-through against %s, project %s, customer %s with %d tickets%n", url, project, customerId,
				tickets.size());
		System.out.printf("%-24s %-12s %8s %8s %8s %8s %8s%n", "operation", "mode", "p50_ms", "p95_ms", "p99_ms", "errors",
				"req/s");
		measure("my-tickets", requests, concurrency, (c, r) -> jira.myTickets(customerId));
		measure("ticket details", requests, concurrency, (c, r) -> jira.ticketDetails(tickets.get(r.nextInt(tickets.size()))));
		measure("stats", requests, concurrency, (c, r) -> jira.stats());
		if (submit) {
			measure("submit", requests, concurrency, (c, r) -> jira.submit(customerId,
					"Pass-through benchmark " + r.nextInt(), "Created by bench api --pass-through", "Medium"));
		}
		return 0;
	}

	private static void measure(String name, int requests, int concurrency, ClosedLoop.Request request) throws Exception {
		ClosedLoop.run(1, 3, 0, request);
		print(name, "1 client", ClosedLoop.run(1, requests, 1, request));
		print(name, concurrency + " clients", ClosedLoop.run(concurrency, requests, 2, request));
	}

	private static void print(String name, String mode, Figures f) {
		System.out.printf(Locale.ROOT, "%-24s %-12s %8.1f %8.1f %8.1f %8d %8.1f%s%n", name, mode, f.p50(), f.p95(), f.p99(),
				f.errors(), f.perSecond(), f.firstError() == null ? "" : "  first error: " + f.firstError());
	}

}
