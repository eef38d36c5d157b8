package io.bugbridge.jira;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.bugbridge.BugBridgeApplication;
import io.bugbridge.support.ApiClient;
import io.bugbridge.support.ApiClient.Response;
import io.bugbridge.support.PostgresSchemaInitializer;
import io.bugbridge.ticket.Ticket;
import io.bugbridge.ticket.TicketService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The process is killed (SIGKILL) while deliveries are in flight: some issues exist in Jira whose
 * answer never reached the database, others were never sent. A new process on the same
 * PostgreSQL delivers the rest: every ticket ends up in Jira exactly once.
 */
class JiraCrashRecoveryTests {

	private final JiraSimulator jira = new JiraSimulator();

	private final String schema = "bb_test_crash_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

	private Process child;

	private ConfigurableApplicationContext restarted;

	@AfterEach
	void cleanUp() {
		if (child != null) {
			child.destroyForcibly();
		}
		if (restarted != null) {
			restarted.close();
		}
		jira.close();
		execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
	}

	@Test
	void aProcessKilledMidDeliveryLosesAndDuplicatesNothing() throws Exception {
		execute("CREATE SCHEMA " + schema);
		int port = freePort();
		child = start(port);
		ApiClient api = new ApiClient(port);
		await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
			.until(() -> api.get("/actuator/health", null).status() == 200);
		jira.sendWebhooksTo("http://127.0.0.1:" + port + "/api/jira/webhook", JiraTestProperties.WEBHOOK_SECRET);
		String customer = "cust-" + UUID.randomUUID();
		String token = ApiClient.customerToken("crash@acme.example", customer);

		jira.down = true;
		List<String> keys = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			Response response = api.post("/api/jira/bug-report", token,
					"{\"summary\": \"Crash test " + i + "\", \"description\": \"d\"}");
			assertThat(response.status()).as(response.toString()).isEqualTo(201);
			assertThat(response.json().get("sync").asString()).isEqualTo("pending");
			keys.add(response.json().get("key").asString());
		}
		// Jira comes back; the first three creates take effect in Jira but their answers never come.
		jira.faultsOnly = "POST /rest/api/3/issue";
		jira.hang = Duration.ofSeconds(30);
		jira.hangAfterNextWrites.set(3);
		jira.down = false;
		await().atMost(Duration.ofSeconds(30)).until(() -> jira.hanging.get() == 3);

		child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		long inJiraAtCrash = jira.allIssues().size();
		assertThat(inJiraAtCrash).isBetween(3L, 10L);
		jira.heal();

		restarted = new SpringApplicationBuilder(BugBridgeApplication.class).run(arguments(0));
		TicketService tickets = restarted.getBean(TicketService.class);
		OutboxRepository outbox = restarted.getBean(OutboxRepository.class);
		List<Ticket> filed = keys.stream().map(k -> tickets.findByKey(k).orElseThrow()).toList();
		await().atMost(Duration.ofSeconds(60)).until(() -> filed.stream()
			.allMatch(t -> outbox.link(t.id()).map(l -> l.issueKey() != null).orElse(false)) && outbox.backlog() == 0);

		for (Ticket ticket : filed) {
			assertThat(jira.issuesLabelled("bb-" + ticket.id())).as(ticket.key()).hasSize(1);
			assertThat(tickets.findByKey(ticket.key()).orElseThrow().key())
				.isEqualTo(jira.issuesLabelled("bb-" + ticket.id()).get(0).key());
		}
		assertThat(jira.allIssues()).hasSize(10);
		assertThat(jira.violations()).isEmpty();
	}

	private Process start(int port) throws IOException {
		List<String> command = new ArrayList<>(List.of(
				System.getProperty("java.home") + File.separator + "bin" + File.separator + "java", "-Xmx384m",
				"-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
				BugBridgeApplication.class.getName()));
		command.addAll(List.of(arguments(port)));
		File log = new File("target/crash-recovery-child.log");
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
	}

	private String[] arguments(int port) {
		java.util.Map<String, String> jiraSettings = JiraTestProperties.of(jira);
		// Calls hang until the kill; the circuit stays closed so that several are in flight.
		jiraSettings.put("bugbridge.jira.request-timeout", "60s");
		jiraSettings.put("bugbridge.jira.delivery.lease", "4s");
		jiraSettings.put("bugbridge.jira.delivery.circuit-failures", "1000");
		List<String> args = new ArrayList<>();
		jiraSettings.forEach((name, value) -> args.add("--" + name + "=" + value));
		args.addAll(List.of("--server.port=" + port,
				"--spring.datasource.url=" + PostgresSchemaInitializer.URL
						+ (PostgresSchemaInitializer.URL.contains("?") ? "&" : "?") + "currentSchema=" + schema,
				"--spring.datasource.username=" + PostgresSchemaInitializer.USER,
				"--spring.datasource.password=" + PostgresSchemaInitializer.PASSWORD,
				"--bugbridge.jwt.secret=" + ApiClient.TEST_SECRET, "--bugbridge.data-dir=target/test-data",
				"--bugbridge.jobs.enabled=false"));
		return args.toArray(String[]::new);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static void execute(String sql) {
		try (Connection connection = DriverManager.getConnection(PostgresSchemaInitializer.URL,
				PostgresSchemaInitializer.USER, PostgresSchemaInitializer.PASSWORD);
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
