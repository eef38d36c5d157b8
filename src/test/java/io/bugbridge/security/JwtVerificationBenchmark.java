package io.bugbridge.security;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.bugbridge.support.ApiClient;
import io.bugbridge.support.ApiTest;
import io.bugbridge.support.OnH2;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What verifying the bearer token costs a read, to decide whether verified tokens are worth
 * caching: CPU per verification with the service's own decoder (signature and claim checks), and
 * JVM CPU per "my tickets" request over HTTP (H2, 4 clients, service and clients in this JVM).
 * Not part of the build (the class name matches no Surefire pattern); run it with
 * {@code ./mvnw -o -q -B test -Dtest=JwtVerificationBenchmark -Dsurefire.failIfNoSpecifiedTests=false | grep jwt:}.
 */
@ApiTest
@OnH2
class JwtVerificationBenchmark {

	static final int READS = Integer.getInteger("bench.reads", 4000);

	@LocalServerPort
	int port;

	@Autowired
	JwtDecoder decoder;

	@Test
	void verificationCostAgainstTheCostOfARead() throws Exception {
		ApiClient api = new ApiClient(port);
		String customer = "jwt-bench";
		String token = ApiClient.customerToken("bench@acme.example", customer);
		for (int i = 0; i < 20; i++) {
			api.post("/api/jira/bug-report", token,
					"{\"summary\": \"Read " + i + "\", \"description\": \"d\", \"priority\": \"Low\"}");
		}
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		for (int round = 1; round <= 3; round++) {
			// Distinct tokens (a different exp each), as a verification cache would have to miss.
			List<String> tokens = new ArrayList<>();
			for (int i = 0; i < 20_000; i++) {
				tokens.add(ApiClient.token("bench@acme.example", customer, List.of(Role.CUSTOMER),
						Duration.ofHours(1).plusSeconds(round * 20_000L + i)));
			}
			long before = threads.getCurrentThreadCpuTime();
			for (String each : tokens) {
				decoder.decode(each);
			}
			double verifyMs = (threads.getCurrentThreadCpuTime() - before) / 1e6 / tokens.size();
			double readMs = cpuPerRead(api, token);
			System.out.printf("jwt: round %d: verifying a token %.4f ms CPU; a my-tickets read over HTTP %.3f ms JVM CPU"
					+ " (service and client); verification = %.1f %% of a read%n", round, verifyMs, readMs,
					100 * verifyMs / readMs);
		}
	}

	private static double cpuPerRead(ApiClient api, String token) throws Exception {
		ExecutorService clients = Executors.newFixedThreadPool(4);
		try {
			long before = cpu();
			List<Future<Integer>> answers = new ArrayList<>();
			for (int i = 0; i < READS; i++) {
				answers.add(clients.submit(() -> api.get("/api/jira/my-tickets?max_results=20", token).status()));
			}
			for (Future<Integer> answer : answers) {
				assertThat(answer.get()).isEqualTo(200);
			}
			return (cpu() - before) / 1e6 / READS;
		}
		finally {
			clients.shutdownNow();
		}
	}

	private static long cpu() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

}
