package io.bugbridge.jira;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.bugbridge.BugBridgeApplication;
import io.bugbridge.cli.ClosedLoop;
import io.bugbridge.cli.ClosedLoop.Figures;
import io.bugbridge.cli.ClosedLoop.Request;
import io.bugbridge.cli.HttpCall;
import io.bugbridge.cli.PassThroughJira;
import io.bugbridge.support.ApiClient;
import io.bugbridge.ticket.TicketService;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.awaitility.Awaitility.await;

/**
 * Local-first against the brief's pass-through design, side by side on one Jira simulator whose
 * every call takes {@code bench.latency-ms} (400 ms): my tickets, ticket details, statistics and a
 * submission, answered by the real service over HTTP and by {@link PassThroughJira}, with 1 and 8
 * clients, Jira healthy, down (503) and hanging (past the 10 s timeout). Not part of the build (the
 * class name matches no Surefire pattern); run it with
 * {@code ./mvnw -B -q test -Dtest=PassThroughBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 * Figures go to standard output and {@code target/pass-through-benchmark.txt}; see docs/benchmarks.md.
 */
class PassThroughBenchmark {

	static final Duration LATENCY = Duration.ofMillis(Long.getLong("bench.latency-ms", 400));

	/** Pass-through requests (and submissions in both modes) per point; Jira's latency makes them slow. */
	static final int REQUESTS = Integer.getInteger("bench.requests", 24);

	/** Local reads per point: they take about a millisecond, so many more fit. */
	static final int LOCAL_REQUESTS = Integer.getInteger("bench.local-requests", 2000);

	/** Requests per client while Jira hangs: each one waits the full timeout. */
	static final int HANG_REQUESTS = Integer.getInteger("bench.hang-requests", 2);

	static final Duration TIMEOUT = Duration.ofSeconds(10);

	static final int CUSTOMERS = 8;

	static final int TICKETS_PER_CUSTOMER = 25;

	enum Phase { HEALTHY, DOWN, HANGING }

	record Operation(String name, boolean read, Request local, Request passThrough) {
	}

	@Test
	void localFirstAgainstPassThrough() throws Exception {
		try (JiraSimulator jira = new JiraSimulator()) {
			Map<String, String> settings = JiraTestProperties.of(jira);
			// Production values where they shape the figures.
			settings.put("bugbridge.jira.intake-budget", "3s");
			settings.put("bugbridge.jira.request-timeout", TIMEOUT.toSeconds() + "s");
			settings.put("bugbridge.jira.delivery.initial-backoff", "2s");
			settings.put("bugbridge.jira.delivery.max-backoff", "5s");
			settings.put("bugbridge.jira.delivery.lease", "60s");
			settings.put("bugbridge.jira.delivery.poll-interval", "200ms");
			List<String> args = new ArrayList<>();
			settings.forEach((name, value) -> args.add("--" + name + "=" + value));
			args.addAll(List.of("--server.port=0", "--spring.datasource.url=jdbc:h2:mem:bench_" + UUID.randomUUID()
					+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
					"--bugbridge.jwt.secret=" + ApiClient.TEST_SECRET, "--bugbridge.data-dir=target/test-data",
					"--bugbridge.rate-limit.enabled=false", "--logging.level.io.bugbridge=ERROR"));
			try (ConfigurableApplicationContext context = new SpringApplicationBuilder(BugBridgeApplication.class)
				.run(args.toArray(String[]::new))) {
				int port = ((WebServerApplicationContext) context).getWebServer().getPort();
				jira.sendWebhooksTo("http://127.0.0.1:" + port + "/api/jira/webhook", JiraTestProperties.WEBHOOK_SECRET);
				String base = "http://127.0.0.1:" + port;
				OutboxRepository outbox = context.getBean(OutboxRepository.class);
				PassThroughJira passThrough = new PassThroughJira(jira.url(), JiraSimulator.SERVICE_EMAIL, "test-api-token",
						JiraSimulator.PROJECT, JiraSimulator.CUSTOMER_FIELD, TIMEOUT);

				String[] customers = new String[CUSTOMERS];
				String[] tokens = new String[CUSTOMERS];
				List<List<String>> keys = new ArrayList<>();
				for (int c = 0; c < CUSTOMERS; c++) {
					customers[c] = UUID.randomUUID().toString();
					tokens[c] = ApiClient.customerToken("customer" + c + "@acme.example", customers[c]);
					List<String> own = new ArrayList<>();
					for (int i = 0; i < TICKETS_PER_CUSTOMER; i++) {
						String body = HttpCall.expect(201, "POST", base + "/api/jira/bug-report", tokens[c], bugReport(c + "-" + i));
						own.add(body.replaceAll("(?s).*\"key\"\\s*:\\s*\"([^\"]+)\".*", "$1"));
					}
					keys.add(own);
				}
				await().atMost(Duration.ofMinutes(5)).until(() -> outbox.backlog() == 0);
				// On a busy machine an intake may have answered with a provisional key before Jira's
				// arrived; both modes read by the Jira key (the service knows both).
				TicketService tickets = context.getBean(TicketService.class);
				for (List<String> own : keys) {
					own.replaceAll(key -> outbox.link(tickets.findByKey(key).orElseThrow().id()).orElseThrow().issueKey());
					for (int i = 0; i < own.size(); i += 5) {
						jira.commentAsAgent(own.get(i), "Looking into it", false);
					}
				}
				String admin = ApiClient.adminToken("admin@acme.example");

				List<Operation> operations = List.of(
						new Operation("my-tickets", true,
								(c, r) -> HttpCall.expect(200, "GET", base + "/api/jira/my-tickets?max_results=50", tokens[c % CUSTOMERS], null),
								(c, r) -> passThrough.myTickets(customers[c % CUSTOMERS])),
						new Operation("ticket details", true,
								(c, r) -> HttpCall.expect(200, "GET", base + "/api/jira/ticket/" + pick(keys, c, r), tokens[c % CUSTOMERS], null),
								(c, r) -> passThrough.ticketDetails(pick(keys, c, r))),
						new Operation("stats", true,
								(c, r) -> HttpCall.expect(200, "GET", base + "/api/jira/admin/stats", admin, null),
								(c, r) -> passThrough.stats()),
						new Operation("submit", false,
								(c, r) -> HttpCall.expect(201, "POST", base + "/api/jira/bug-report", tokens[c % CUSTOMERS], bugReport("load " + r.nextInt())),
								(c, r) -> passThrough.submit(customers[c % CUSTOMERS], "Pass-through " + r.nextInt(), "d", "Medium")));

				// Warm up the JIT, the connection pools and the simulator's validator outside the measurement.
				for (Operation operation : operations) {
					ClosedLoop.run(2, operation.read() ? 400 : 20, 1, operation.local());
					ClosedLoop.run(2, 20, 1, operation.passThrough());
				}
				jira.latency = LATENCY;
				jira.hang = TIMEOUT.plusSeconds(2);
				StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
						"Local-first vs pass-through: every Jira call %d ms, timeout %d s, intake budget 3 s, %d cores, load average %.1f%n",
						LATENCY.toMillis(), TIMEOUT.toSeconds(), Runtime.getRuntime().availableProcessors(),
						java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
				report.append(String.format("%-8s %-8s %-15s | %-40s | %-40s | %s%n", "jira", "clients", "operation",
						"local p50 / p95 / p99 ms (errors of n)", "pass-through p50 / p95 / p99 ms (errors of n)", "ratio p50 / p99"));
				System.out.print(report);
				for (Phase phase : Phase.values()) {
					jira.down = phase == Phase.DOWN;
					jira.hangNext.set(phase == Phase.HANGING ? 1_000_000 : 0);
					for (int clients : new int[] { 1, 8 }) {
						for (Operation operation : operations) {
							int passCount = phase == Phase.HANGING ? HANG_REQUESTS * clients : Math.max(REQUESTS, clients * 3);
							int localCount = operation.read() ? LOCAL_REQUESTS : passCount;
							Figures local = ClosedLoop.run(clients, localCount, 7, operation.local());
							Figures remote = ClosedLoop.run(clients, passCount, 7, operation.passThrough());
							String line = line(phase, clients, operation.name(), local, remote);
							System.out.print(line);
							report.append(line);
						}
					}
					jira.down = false;
					jira.hangNext.set(0);
					// The next phase starts with the circuit closed and the intake backlog delivered.
					await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500)).until(() -> outbox.backlog() == 0);
				}
				Files.writeString(Path.of("target/pass-through-benchmark.txt"), report);
				if (!jira.violations().isEmpty()) {
					throw new AssertionError("Requests that do not match Jira's OpenAPI description: " + jira.violations());
				}
			}
		}
	}

	private static String pick(List<List<String>> keys, int client, java.util.Random random) {
		List<String> own = keys.get(client % keys.size());
		return own.get(random.nextInt(own.size()));
	}

	private static String bugReport(String label) {
		return "{\"summary\": \"Benchmark report " + label + "\", \"description\": \"The export fails with a timeout.\","
				+ " \"steps_to_reproduce\": \"1. a\\n2. b\", \"priority\": \"Medium\"}";
	}

	private static String line(Phase phase, int clients, String operation, Figures local, Figures remote) {
		return String.format(Locale.ROOT, "%-8s %-8d %-15s | %8.1f %8.1f %8.1f (%d of %d) | %8.1f %8.1f %8.1f (%d of %d) | %6.0fx %6.0fx%s%n",
				phase.name().toLowerCase(Locale.ROOT), clients, operation, local.p50(), local.p95(), local.p99(), local.errors(),
				local.requests(), remote.p50(), remote.p95(), remote.p99(), remote.errors(), remote.requests(),
				remote.p50() / local.p50(), remote.p99() / local.p99(),
				remote.firstError() == null ? "" : "  pass-through error: " + remote.firstError());
	}

}
