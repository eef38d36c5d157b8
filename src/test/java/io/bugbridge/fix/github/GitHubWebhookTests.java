package io.bugbridge.fix.github;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.bugbridge.support.ApiTest;
import io.bugbridge.support.GitHubSimulator;
import io.bugbridge.support.OnH2;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /api/github/webhook} in the running service, with deliveries made by the simulator. */
@ApiTest
@OnH2
@DirtiesContext
@TestPropertySource(properties = { "bugbridge.github.webhook-secret=" + GitHubSimulator.WEBHOOK_SECRET,
		"bugbridge.github.owner=acme", "bugbridge.github.repo=aura", "bugbridge.github.token=" + GitHubSimulator.TOKEN })
class GitHubWebhookTests {

	private static final GitHubSimulator GITHUB = new GitHubSimulator();

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	Events events;

	@Autowired
	JdbcClient jdbc;

	@TestConfiguration
	static class Listener {

		@Bean
		Events events() {
			return new Events();
		}

	}

	/** Everything the webhook publishes, and whether it came inside a transaction. */
	static class Events {

		final List<Object> received = new CopyOnWriteArrayList<>();

		final List<Boolean> inTransaction = new CopyOnWriteArrayList<>();

		@EventListener({ PullRequestClosed.class, PullRequestReopened.class, ChecksCompleted.class })
		void on(Object event) {
			received.add(event);
			inTransaction.add(TransactionSynchronizationManager.isActualTransactionActive());
		}

	}

	@BeforeEach
	void forget() {
		events.received.clear();
		events.inTransaction.clear();
	}

	@AfterAll
	static void stop() {
		assertThat(GITHUB.violations()).isEmpty();
		GITHUB.close();
	}

	@Test
	void aMergedPullRequestIsPublishedOnceInsideATransaction() throws Exception {
		int number = openPull("bugbridge/AURA-7-merge");
		GitHubSimulator.Delivery delivery = GITHUB.merge(number);

		HttpResponse<String> first = post(delivery);
		HttpResponse<String> again = post(delivery);

		assertThat(first.statusCode()).isEqualTo(200);
		assertThat(first.body()).contains("\"handled\"");
		assertThat(again.statusCode()).isEqualTo(200);
		assertThat(again.body()).contains("\"duplicate\"");
		assertThat(events.received).singleElement().isInstanceOfSatisfying(PullRequestClosed.class, closed -> {
			assertThat(closed.repoFullName()).isEqualTo("acme/aura");
			assertThat(closed.number()).isEqualTo(number);
			assertThat(closed.headRef()).isEqualTo("bugbridge/AURA-7-merge");
			assertThat(closed.merged()).isTrue();
			assertThat(closed.htmlUrl()).isEqualTo("https://github.com/acme/aura/pull/" + number);
			assertThat(closed.at()).isNotNull();
		});
		assertThat(events.inTransaction).containsExactly(true);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM github_delivery WHERE delivery_id = :id")
			.param("id", delivery.id())
			.query(Long.class)
			.single()).isEqualTo(1L);
	}

	@Test
	void aClosedUnmergedPullRequestIsPublishedAsNotMerged() throws Exception {
		int number = openPull("bugbridge/AURA-8-close");

		assertThat(post(GITHUB.close(number)).statusCode()).isEqualTo(200);

		assertThat(events.received).singleElement()
			.isInstanceOfSatisfying(PullRequestClosed.class, closed -> assertThat(closed.merged()).isFalse());
	}

	@Test
	void failedAndPassedChecksArePublished() throws Exception {
		String sha = "b".repeat(40);
		post(GITHUB.addCheckRun(sha, "bugbridge/AURA-9", "tests", "failure", "1 test failed", "FooTest.bar"));
		post(GITHUB.setStatus(sha, "bugbridge/AURA-9", "ci/lint", "error", "Lint crashed"));
		post(GITHUB.checkSuiteCompleted(sha, "bugbridge/AURA-9", "success"));
		post(GITHUB.addCheckRun(sha, "bugbridge/AURA-9", "build", "success", "ok", "ok"));

		assertThat(events.received).hasSize(3).allSatisfy(event -> assertThat(event).isInstanceOf(ChecksCompleted.class));
		ChecksCompleted run = (ChecksCompleted) events.received.get(0);
		ChecksCompleted status = (ChecksCompleted) events.received.get(1);
		ChecksCompleted suite = (ChecksCompleted) events.received.get(2);
		assertThat(run).satisfies(c -> {
			assertThat(c.success()).isFalse();
			assertThat(c.headRef()).isEqualTo("bugbridge/AURA-9");
			assertThat(c.headSha()).isEqualTo(sha);
			assertThat(c.failureSummary()).contains("tests").contains("1 test failed").contains("FooTest.bar");
		});
		assertThat(status.success()).isFalse();
		assertThat(status.failureSummary()).contains("ci/lint").contains("Lint crashed");
		assertThat(suite.success()).isTrue();
		assertThat(suite.failureSummary()).isEmpty();
	}

	@Test
	void aWrongOrMissingSignatureIsRefused() throws Exception {
		int number = openPull("bugbridge/AURA-10-forged");
		GitHubSimulator.Delivery real = GITHUB.close(number);
		GitHubSimulator.Delivery forged = GitHubSimulator.signedDelivery("pull_request", real.body(), "not the secret");
		Map<String, String> unsigned = new java.util.HashMap<>(real.headers());
		unsigned.remove("X-Hub-Signature-256");

		HttpResponse<String> wrong = post(forged);
		HttpResponse<String> missing = post(new GitHubSimulator.Delivery("pull_request", real.body(), unsigned));

		assertThat(wrong.statusCode()).isEqualTo(401);
		assertThat(wrong.headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("application/problem+json"));
		assertThat(missing.statusCode()).isEqualTo(401);
		assertThat(missing.body()).contains("X-Hub-Signature-256");
		assertThat(events.received).isEmpty();
	}

	@Test
	void badJsonIsA400() throws Exception {
		HttpResponse<String> response = post(GitHubSimulator.signedDelivery("pull_request", "{not json",
				GitHubSimulator.WEBHOOK_SECRET));

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				type -> assertThat(type).startsWith("application/problem+json"));
	}

	@Test
	void pingIsAnsweredAndUnknownEventsAreAccepted() throws Exception {
		HttpResponse<String> ping = post(GitHubSimulator.signedDelivery("ping",
				"{\"zen\":\"Design for failure.\",\"hook_id\":4242}", GitHubSimulator.WEBHOOK_SECRET));
		HttpResponse<String> push = post(GitHubSimulator.signedDelivery("push", "{\"ref\":\"refs/heads/main\"}",
				GitHubSimulator.WEBHOOK_SECRET));

		assertThat(ping.statusCode()).isEqualTo(200);
		assertThat(ping.body()).contains("pong");
		assertThat(push.statusCode()).isEqualTo(202);
		assertThat(events.received).isEmpty();
	}

	@Test
	void eventsOfOtherRepositoriesAreIgnored() throws Exception {
		String body = "{\"action\":\"closed\",\"number\":1,\"pull_request\":{\"number\":1,\"merged\":true,"
				+ "\"head\":{\"ref\":\"x\",\"sha\":\"c\"}},\"repository\":{\"full_name\":\"acme/other\"}}";

		HttpResponse<String> response = post(GitHubSimulator.signedDelivery("pull_request", body,
				GitHubSimulator.WEBHOOK_SECRET));

		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(events.received).isEmpty();
	}

	private int openPull(String branch) {
		GitHubProperties properties = new GitHubProperties(GitHubSimulator.TOKEN, "acme", "aura", GITHUB.url(), null,
				null, null, null);
		return new GitHubClient(properties, org.springframework.web.client.RestClient.builder())
			.createDraftPullRequest("Fix", "body", branch, "main")
			.number();
	}

	private HttpResponse<String> post(GitHubSimulator.Delivery delivery) throws Exception {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/github/webhook"))
			.POST(HttpRequest.BodyPublishers.ofString(delivery.body()));
		delivery.headers().forEach((name, value) -> {
			if (!name.equalsIgnoreCase("User-Agent")) {
				request.header(name, value);
			}
		});
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
