package io.bugbridge.jira;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import io.bugbridge.support.ApiClient;
import io.bugbridge.support.ApiClient.Response;
import io.bugbridge.ticket.Ticket;
import io.bugbridge.ticket.TicketService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Exactly-once delivery of creates when everything that can be slow is: the CPU is saturated
 * (busy threads, twice as many as cores, for the whole test), the lease is shorter than a hung
 * create, answers are lost, and Jira's search index lags behind the creates. Intake and the
 * worker then both reach for the same ticket, and a lookup right after a create finds nothing.
 * Runs once per database (see the subclasses).
 */
abstract class JiraDeliveryUnderLoadContract {

	@LocalServerPort
	int port;

	@Autowired
	TicketService tickets;

	@Autowired
	OutboxRepository outbox;

	@Autowired
	JiraAvailability availability;

	abstract JiraSimulator jira();

	private final AtomicBoolean spinning = new AtomicBoolean();

	private final List<Thread> spinners = new ArrayList<>();

	/** The service's settings here: a 1 s lease against creates that hang 2 s, within a 3 s timeout. */
	static void register(DynamicPropertyRegistry registry, JiraSimulator simulator) {
		Map<String, String> properties = JiraTestProperties.of(simulator);
		properties.put("bugbridge.jira.delivery.lease", "1s");
		properties.put("bugbridge.jira.request-timeout", "3s");
		properties.put("bugbridge.jira.search-lag", "4s");
		// Keep the circuit closed so that intake races the worker instead of standing aside.
		properties.put("bugbridge.jira.delivery.circuit-failures", "1000");
		properties.forEach((name, value) -> registry.add(name, () -> value));
	}

	@BeforeEach
	void saturateTheCpu() {
		jira().heal();
		jira().clearRequests();
		availability.succeeded();
		jira().sendWebhooksTo("http://127.0.0.1:" + port + "/api/jira/webhook", JiraTestProperties.WEBHOOK_SECRET);
		spinning.set(true);
		for (int i = 0; i < 2 * Runtime.getRuntime().availableProcessors(); i++) {
			Thread spinner = new Thread(() -> {
				long x = 0;
				while (spinning.get()) {
					x += System.nanoTime() % 7;
				}
				if (x == 42) {
					System.out.print("");
				}
			}, "cpu-spinner-" + i);
			spinner.setDaemon(true);
			spinner.start();
			spinners.add(spinner);
		}
	}

	@AfterEach
	void stopSpinning() throws InterruptedException {
		spinning.set(false);
		for (Thread spinner : spinners) {
			spinner.join(5000);
		}
		jira().heal();
		assertThat(jira().takeViolations()).as("requests that do not match Jira's OpenAPI description").isEmpty();
	}

	@Test
	void createsThatHangPastTheLeaseOrLoseTheirAnswerReachJiraExactlyOnceWithTheCpuSaturated() throws Exception {
		String token = ApiClient.customerToken("load@acme.example", "cust-" + UUID.randomUUID());
		ApiClient api = new ApiClient(port);
		jira().searchLag = Duration.ofSeconds(2);
		jira().faultsOnly = "POST /rest/api/3/issue";
		// Taken in this order: the first creates take effect and hang 2 s (the lease is 1 s), the
		// next ones take effect and answer 500.
		jira().hang = Duration.ofSeconds(2);
		jira().hangAfterNextWrites.set(6);
		jira().loseAnswerOfNextWrites.set(6);

		ExecutorService pool = Executors.newFixedThreadPool(6);
		List<String> keys = new ArrayList<>();
		try {
			List<Future<Response>> responses = new ArrayList<>();
			for (int i = 0; i < 18; i++) {
				String body = """
						{"summary": "Under load %d", "description": "d"}""".formatted(i);
				responses.add(pool.submit(() -> api.post("/api/jira/bug-report", token, body)));
			}
			for (Future<Response> future : responses) {
				Response response = future.get();
				assertThat(response.status()).as(response.toString()).isEqualTo(201);
				keys.add(response.json().get("key").asString());
			}
		}
		finally {
			pool.shutdownNow();
		}
		List<Ticket> filed = keys.stream().map(k -> tickets.findByKey(k).orElseThrow()).toList();

		await().atMost(Duration.ofSeconds(90)).until(() -> filed.stream()
			.allMatch(t -> outbox.link(t.id()).map(l -> l.issueKey() != null).orElse(false)
					&& outbox.backlogOf(t.id()) == 0));

		assertThat(jira().hangAfterNextWrites.get()).as("every hang was used").isZero();
		assertThat(jira().loseAnswerOfNextWrites.get()).as("every lost answer was used").isZero();
		for (Ticket ticket : filed) {
			List<JiraSimulator.Issue> issues = jira().issuesLabelled("bb-" + ticket.id());
			assertThat(issues).as(ticket.key()).hasSize(1);
			assertThat(tickets.findById(ticket.id()).orElseThrow().key()).isEqualTo(issues.get(0).key());
		}
	}

}
