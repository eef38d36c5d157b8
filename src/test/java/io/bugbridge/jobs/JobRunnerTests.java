package io.bugbridge.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.bugbridge.support.ApiTest;
import io.bugbridge.support.OnH2;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ApiTest
@OnH2
class JobRunnerTests {

	static final List<String> ran = new CopyOnWriteArrayList<>();

	@Autowired
	SchedulerClient scheduler;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	OneTimeTask<String> echo;

	@Test
	void aJobScheduledInACommittedTransactionRuns() {
		transactions.executeWithoutResult(tx -> scheduler.schedule(echo.instance("committed", "hello"), Instant.now()));

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(ran).contains("hello"));
	}

	@Test
	void aJobScheduledInARolledBackTransactionNeverRuns() throws Exception {
		transactions.executeWithoutResult(tx -> {
			scheduler.schedule(echo.instance("rolled-back", "never"), Instant.now());
			tx.setRollbackOnly();
		});
		transactions.executeWithoutResult(tx -> scheduler.schedule(echo.instance("marker", "after"), Instant.now()));

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(ran).contains("after"));
		assertThat(ran).doesNotContain("never");
		assertThat(scheduler.getScheduledExecution(echo.instance("rolled-back"))).isEmpty();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class EchoJob {

		@Bean
		OneTimeTask<String> echo() {
			return Tasks.oneTime("test-echo", String.class).execute((instance, context) -> ran.add(instance.getData()));
		}

	}

}
