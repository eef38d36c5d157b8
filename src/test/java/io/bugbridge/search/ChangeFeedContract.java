package io.bugbridge.search;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.bugbridge.ticket.Actor;
import io.bugbridge.ticket.NewTicket;
import io.bugbridge.ticket.Priority;
import io.bugbridge.ticket.Ticket;
import io.bugbridge.ticket.TicketService;
import io.bugbridge.ticket.TicketType;
import io.bugbridge.ticket.TicketUpdate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The search index follows the change feed from a watermark, remembering the sequence numbers it
 * skipped (transactions still running) instead of re-reading a window below it on every round.
 */
abstract class ChangeFeedContract {

	static final Actor ALICE = new Actor("alice", "alice@acme.example", null, Actor.Kind.CUSTOMER);

	@Autowired
	TicketService tickets;

	@Autowired
	TicketSearch search;

	@Autowired
	PlatformTransactionManager transactionManager;

	final String customer = "cust-" + UUID.randomUUID();

	Ticket file(String summary) {
		return tickets.create(new NewTicket(TicketType.BUG, summary, "Feed test", Priority.LOW, "alice@acme.example",
				null, customer, null, null, null, null, null, null, null), ALICE);
	}

	long matches(String word) {
		return search.search(new TicketSearchQuery(null, null, null, customer, null, word, null, null, null, null,
				null, 10, null)).total();
	}

	static String word() {
		return "w" + UUID.randomUUID().toString().replace("-", "");
	}

	@Test
	void transactionsCommittingOutOfSequenceOrderAreBothIndexed() throws Exception {
		Ticket early = file("Early");
		Ticket late = file("Late");
		search.awaitCurrent();
		String earlyWord = word();
		String lateWord = word();
		TransactionTemplate transactions = new TransactionTemplate(transactionManager);
		CountDownLatch written = new CountDownLatch(1);
		CountDownLatch commit = new CountDownLatch(1);
		ExecutorService other = Executors.newSingleThreadExecutor();
		try {
			// The first transaction draws the lower feed number and holds it open...
			Future<?> first = other.submit(() -> transactions.executeWithoutResult(tx -> {
				tickets.update(early.key(), new TicketUpdate(null, null, null, "Early " + earlyWord, null), ALICE,
						io.bugbridge.ticket.Origin.LOCAL);
				written.countDown();
				try {
					assertThat(commit.await(30, TimeUnit.SECONDS)).isTrue();
				}
				catch (InterruptedException ex) {
					throw new IllegalStateException(ex);
				}
			}));
			assertThat(written.await(30, TimeUnit.SECONDS)).isTrue();
			// ...while the second draws a higher one and commits first.
			transactions.executeWithoutResult(tx -> tickets.update(late.key(),
					new TicketUpdate(null, null, null, "Late " + lateWord, null), ALICE, io.bugbridge.ticket.Origin.LOCAL));
			search.awaitCurrent();
			assertThat(matches(lateWord)).isEqualTo(1);
			assertThat(matches(earlyWord)).isZero();
			assertThat(search.openFeedGaps()).isPositive();

			commit.countDown();
			first.get(30, TimeUnit.SECONDS);
			search.awaitCurrent();
			assertThat(matches(earlyWord)).isEqualTo(1);
			assertThat(matches(lateWord)).isEqualTo(1);
			assertThat(search.openFeedGaps()).isZero();
		}
		finally {
			commit.countDown();
			other.shutdownNow();
		}
	}

	@org.springframework.boot.test.web.server.LocalServerPort
	int port;

	/**
	 * Submissions per second over HTTP from 8 clients, with the feed rows the index read for them:
	 * the figure in docs/benchmarks.md ("Submissions and the change feed").
	 */
	@Test
	void submissionsPerSecondFrom8Clients() throws Exception {
		io.bugbridge.support.ApiClient api = new io.bugbridge.support.ApiClient(port);
		String token = io.bugbridge.support.ApiClient.customerToken("alice@acme.example", customer);
		int count = Integer.getInteger("bench.submissions", 400);
		ExecutorService clients = Executors.newFixedThreadPool(8);
		try {
			for (int round = 0; round < 2; round++) {
				search.awaitCurrent();
				long rowsBefore = search.feedRowsRead();
				long jvmCpuBefore = jvmCpuNanos();
				long databaseCpuBefore = databaseCpuNanos();
				long start = System.nanoTime();
				List<Future<Integer>> answers = new java.util.ArrayList<>();
				for (int i = 0; i < count; i++) {
					String body = "{\"summary\": \"Throughput " + i + "\", \"description\": \"d\", \"priority\": \"Low\"}";
					answers.add(clients.submit(() -> api.post("/api/jira/bug-report", token, body).status()));
				}
				for (Future<Integer> answer : answers) {
					assertThat(answer.get()).isEqualTo(201);
				}
				double seconds = (System.nanoTime() - start) / 1e9;
				search.awaitCurrent();
				long jvmCpu = jvmCpuNanos() - jvmCpuBefore;
				long databaseCpuAfter = databaseCpuNanos();
				long rows = search.feedRowsRead() - rowsBefore;
				// CPU per submission does not depend on how busy the shared machine is, unlike the rate.
				String databaseCpu = databaseCpuBefore < 0 || databaseCpuAfter < 0 ? ""
						: String.format("; database CPU %.2f ms", (databaseCpuAfter - databaseCpuBefore) / 1e6 / count);
				System.out.printf("submissions (%s, round %d): %d in %.1f s = %.0f/s from 8 clients; change feed rows"
						+ " read by the index: %.2f per submission; CPU per submission: JVM (service and clients)"
						+ " %.2f ms%s%n", getClass().getSimpleName(), round + 1, count, seconds, count / seconds,
						(double) rows / count, jvmCpu / 1e6 / count, databaseCpu);
				assertThat(rows).isLessThanOrEqualTo(count * 4L);
			}
		}
		finally {
			clients.shutdownNow();
		}
	}

	/** CPU time of the database's processes serving this context, or -1 when it cannot be read. */
	long databaseCpuNanos() {
		return -1;
	}

	static long jvmCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
			.getOperatingSystemMXBean()).getProcessCpuTime();
	}

	@Test
	void aSubmissionCostsTheIndexAFewFeedRowsNotAWindow() {
		search.awaitCurrent();
		long before = search.feedRowsRead();
		int submissions = 30;
		for (int i = 0; i < submissions; i++) {
			file("Cheap " + i);
			search.awaitCurrent();
		}
		long read = search.feedRowsRead() - before;
		System.out.println("change feed rows read per submission: " + (double) read / submissions);
		// Each submission writes one or two feed rows; the old follower re-read 1,000 per round.
		assertThat(read).isLessThanOrEqualTo(submissions * 4L);
		assertThat(read).isGreaterThanOrEqualTo(submissions);
	}

}
