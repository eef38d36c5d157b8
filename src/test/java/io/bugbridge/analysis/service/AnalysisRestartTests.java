package io.bugbridge.analysis.service;

import java.nio.file.Path;
import java.time.Duration;

import io.bugbridge.BugBridgeApplication;
import io.bugbridge.analysis.BugAnalysis;
import io.bugbridge.analysis.BugAnalysisService;
import io.bugbridge.ticket.Actor;
import io.bugbridge.ticket.NewTicket;
import io.bugbridge.ticket.Priority;
import io.bugbridge.ticket.TicketService;
import io.bugbridge.ticket.TicketType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A queued analysis is not lost when the service stops before running it. */
class AnalysisRestartTests {

	@TempDir
	Path dataDir;

	@TempDir
	Path repositoryDir;

	@Test
	void aQueuedAnalysisRunsAfterARestart() throws Exception {
		TestRepository.create(repositoryDir);
		String key;
		long analysisId;
		try (ConfigurableApplicationContext first = start(false)) {
			TicketService tickets = first.getBean(TicketService.class);
			key = tickets.create(new NewTicket(TicketType.BUG, "Payment fails", "PaymentService.charge throws IllegalStateException: Order total missing",
					Priority.LOW, "alice@acme.example", null, "acme", null, null, null, null, null, null, null),
					Actor.SYSTEM).key();
			BugAnalysis queued = first.getBean(BugAnalysisService.class).request(key, "shop", Actor.SYSTEM);
			analysisId = queued.id();
			assertThat(queued.state()).isEqualTo(BugAnalysis.State.QUEUED);
		}

		try (ConfigurableApplicationContext second = start(true)) {
			BugAnalysisService analyses = second.getBean(BugAnalysisService.class);
			await().atMost(Duration.ofSeconds(60))
				.until(() -> analyses.find(analysisId).orElseThrow().state() == BugAnalysis.State.DONE);
			assertThat(analyses.latest(key).orElseThrow().suggestedFiles().get(0).path())
				.isEqualTo("src/main/java/shop/PaymentService.java");
		}
	}

	private ConfigurableApplicationContext start(boolean jobs) {
		return new SpringApplicationBuilder(BugBridgeApplication.class).run("--server.port=0",
				"--bugbridge.data-dir=" + dataDir, "--bugbridge.jwt.secret=", "--bugbridge.jobs.enabled=" + jobs,
				"--bugbridge.jobs.polling-interval=500ms", "--bugbridge.repositories[0].name=shop",
				"--bugbridge.repositories[0].path=" + repositoryDir);
	}

}
