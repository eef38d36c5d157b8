package io.bugbridge.jira;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.bugbridge.BugBridgeApplication;
import io.bugbridge.support.ApiClient;
import io.bugbridge.support.ApiClient.Response;
import io.bugbridge.ticket.TicketService;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.awaitility.Awaitility.await;

/**
 * Jira calls per created ticket and intake latency with every Jira call taking 400 ms, once with
 * Jira healthy and once with Jira down during intake (then back). Not part of the build (the
 * class name matches no Surefire pattern); run it with
 * {@code ./mvnw -B -q test -Dtest=JiraSyncBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 * Figures go to standard output and {@code target/jira-benchmark.txt}; see docs/benchmarks.md.
 */
class JiraSyncBenchmark {

	static final int TICKETS = Integer.getInteger("bench.tickets", 200);

	static final int CLIENTS = Integer.getInteger("bench.clients", 8);

	static final Duration LATENCY = Duration.ofMillis(Long.getLong("bench.latency-ms", 400));

	/** What a phase does to Jira while its tickets come in. */
	enum Fault {
		NONE, DOWN, HANG
	}

	/**
	 * Recovery figures are -1 for phases without a fault: milliseconds from Jira answering again to
	 * the first of the phase's tickets reaching Jira (the outbox starts draining) and to the last.
	 */
	record Phase(String name, int tickets, long jiraCalls, double p50, double p99, double max, long pending,
			long drainStartMs, long drainedMs) {

		String line() {
			String recovery = drainStartMs < 0 ? ""
					: String.format("  outbox draining %d ms after Jira answered again, drained after %d ms",
							drainStartMs, drainedMs);
			return String.format("%-18s tickets=%d  jira calls=%d  calls/ticket=%.2f  intake p50=%.0f ms  p99=%.0f ms"
					+ "  max=%.0f ms  answered pending=%d%s", name, tickets, jiraCalls, (double) jiraCalls / tickets,
					p50, p99, max, pending, recovery);
		}

	}

	@Test
	void callsPerTicketAndIntakeLatency() throws Exception {
		try (JiraSimulator jira = new JiraSimulator()) {
			Map<String, String> settings = JiraTestProperties.of(jira);
			// Production values where they shape the figures.
			settings.put("bugbridge.jira.intake-budget", "3s");
			settings.put("bugbridge.jira.request-timeout", "10s");
			settings.put("bugbridge.jira.delivery.initial-backoff", "2s");
			settings.put("bugbridge.jira.delivery.max-backoff", "5m");
			settings.put("bugbridge.jira.delivery.lease", "60s");
			settings.put("bugbridge.jira.delivery.poll-interval", "200ms");
			List<String> args = new ArrayList<>();
			settings.forEach((name, value) -> args.add("--" + name + "=" + value));
			args.addAll(List.of("--server.port=0", "--spring.datasource.url=jdbc:h2:mem:bench_" + UUID.randomUUID()
					+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
					"--bugbridge.jwt.secret=" + ApiClient.TEST_SECRET, "--bugbridge.data-dir=target/test-data",
					"--logging.level.io.bugbridge=WARN",
					// One customer files every ticket of a phase; the per-customer limit (60 a minute) would refuse most.
					"--bugbridge.rate-limit.customer.capacity=1000000"));
			try (ConfigurableApplicationContext context = new SpringApplicationBuilder(BugBridgeApplication.class)
				.run(args.toArray(String[]::new))) {
				int port = ((WebServerApplicationContext) context).getWebServer().getPort();
				jira.sendWebhooksTo("http://127.0.0.1:" + port + "/api/jira/webhook", JiraTestProperties.WEBHOOK_SECRET);
				ApiClient api = new ApiClient(port);
				OutboxRepository outbox = context.getBean(OutboxRepository.class);
				TicketService tickets = context.getBean(TicketService.class);
				JiraAvailability availability = context.getBean(JiraAvailability.class);

				// Warm up the JIT and the simulator's validator outside the measurement.
				run(api, jira, outbox, tickets, availability, "warm-up", 20, Fault.NONE, CLIENTS);
				jira.latency = LATENCY;
				List<Phase> phases = List.of(
						run(api, jira, outbox, tickets, availability, "healthy", TICKETS, Fault.NONE, CLIENTS),
						run(api, jira, outbox, tickets, availability, "down", TICKETS, Fault.DOWN, CLIENTS),
						run(api, jira, outbox, tickets, availability, "hang", TICKETS, Fault.HANG, CLIENTS),
						run(api, jira, outbox, tickets, availability, "healthy, 1 client", 30, Fault.NONE, 1));
				StringBuilder report = new StringBuilder("Jira sync benchmark: bug reports from " + CLIENTS
						+ " concurrent clients (unless said), every Jira call " + LATENCY.toMillis()
						+ " ms, intake budget 3 s; calls include failed ones, probes and idempotency lookups\n");
				phases.forEach(p -> report.append(p.line()).append('\n'));
				System.out.println(report);
				Files.writeString(Path.of("target/jira-benchmark.txt"), report);
				if (!jira.violations().isEmpty()) {
					throw new AssertionError("Requests that do not match Jira's OpenAPI description: " + jira.violations());
				}
			}
		}
	}

	private Phase run(ApiClient api, JiraSimulator jira, OutboxRepository outbox, TicketService tickets,
			JiraAvailability availability, String name, int count, Fault fault, int concurrency) throws Exception {
		String customer = "bench-" + UUID.randomUUID();
		String token = ApiClient.customerToken("bench@acme.example", customer);
		jira.down = fault == Fault.DOWN;
		if (fault == Fault.HANG) {
			// Every call hangs past the request timeout, as when Jira accepts connections but never answers.
			jira.hang = Duration.ofSeconds(11);
			jira.hangNext.set(1_000_000);
		}
		jira.clearRequests();
		List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
		List<String> keys = Collections.synchronizedList(new ArrayList<>());
		long pending;
		ExecutorService clients = Executors.newFixedThreadPool(concurrency);
		try {
			List<Future<Response>> futures = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				String body = "{\"summary\": \"Benchmark " + name + " " + i + "\", \"description\": \"d\","
						+ " \"steps_to_reproduce\": \"1. a\\n2. b\", \"priority\": \"Medium\"}";
				futures.add(clients.submit(() -> {
					long start = System.nanoTime();
					Response response = api.post("/api/jira/bug-report", token, body);
					latencies.add((System.nanoTime() - start) / 1e6);
					return response;
				}));
			}
			pending = 0;
			for (Future<Response> future : futures) {
				Response response = future.get();
				if (response.status() != 201) {
					throw new AssertionError(response.toString());
				}
				keys.add(response.json().get("key").asString());
				pending += "pending".equals(response.json().get("sync").asString()) ? 1 : 0;
			}
		}
		finally {
			clients.shutdownNow();
		}
		List<Long> ids = keys.stream().map(k -> tickets.findByKey(k).orElseThrow().id()).toList();
		long healed = 0;
		long drainStart = -1;
		if (fault != Fault.NONE) {
			// The fault lasts until the circuit is open and a few probes have failed, as a real outage would.
			await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
				.until(() -> availability.describe().startsWith("circuit open"));
			Thread.sleep(10_000);
			int latency = (int) jira.latency.toMillis();
			jira.heal();
			jira.latency = Duration.ofMillis(latency);
			healed = System.nanoTime();
			long since = healed;
			await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(50))
				.until(() -> ids.stream().anyMatch(id -> outbox.link(id).map(l -> l.issueKey() != null).orElse(false)));
			drainStart = (System.nanoTime() - since) / 1_000_000;
		}
		await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100)).until(() -> ids.stream()
			.allMatch(id -> outbox.link(id).map(l -> l.issueKey() != null).orElse(false)) && outbox.backlog() == 0);
		long drained = fault == Fault.NONE ? -1 : (System.nanoTime() - healed) / 1_000_000;
		for (Long id : ids) {
			if (jira.issuesLabelled("bb-" + id).size() != 1) {
				throw new AssertionError("ticket " + id + " is in Jira " + jira.issuesLabelled("bb-" + id).size() + " times");
			}
		}
		List<Double> sorted = new ArrayList<>(latencies);
		Collections.sort(sorted);
		return new Phase(name, count, jira.requests().size(), percentile(sorted, 0.50), percentile(sorted, 0.99),
				sorted.get(sorted.size() - 1), pending, drainStart, drained);
	}

	private static double percentile(List<Double> sorted, double p) {
		int index = (int) Math.ceil(p * sorted.size()) - 1;
		return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
	}

}
