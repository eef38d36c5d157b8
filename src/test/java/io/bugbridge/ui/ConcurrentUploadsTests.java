package io.bugbridge.ui;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.bugbridge.support.ApiTest;
import io.bugbridge.support.TestAccounts;
import io.bugbridge.support.TestImages;
import io.bugbridge.support.WebSession;
import io.bugbridge.support.WebSession.FilePart;
import io.bugbridge.support.WebSession.Page;
import io.bugbridge.ticket.Ticket;
import io.bugbridge.ticket.TicketService;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13 item 5 as it was reported: Support Center submissions, each with five 4.9 MB
 * screenshots, sent 10 at a time through the form, on the embedded default (the H2 file database
 * under the data directory with its production URL and default 2 s lock timeout, not the in-memory
 * H2 of other tests). Every intake updates the same ticket_count row; when that update came first,
 * each intake held the row's lock while its 25 MB of attachments were written, the others queued
 * behind it and H2 gave up ("Timeout trying to lock table ticket_count", a 500). The report had 30
 * submissions; two waves of 10 already fail that way on the old code (checked: 20 gave 10 × 500,
 * 30 gave 12 × 500) in a third less time. Under heavy load the current code still fails now and
 * then (see docs/reliability.md#concurrent-uploads). PostgreSQL waits for row locks without a
 * timeout, so the old code did not fail there; {@code TicketServiceContract} covers its counts.
 * <p>
 * Runs in a JVM of its own (tag "own-jvm", pom.xml): its heap check measures the whole JVM, and in
 * the shared fork the other cached test contexts' background work moved it by up to 142 MB.
 */
@ApiTest
@Tag("own-jvm")
class ConcurrentUploadsTests {

	@DynamicPropertySource
	static void embeddedDefault(DynamicPropertyRegistry registry) {
		// H2 refuses a database path relative to the working directory.
		registry.add("bugbridge.data-dir",
				() -> Path.of("target", "test-data", "uploads-" + UUID.randomUUID()).toAbsolutePath().toString());
		// H2's page cache lives on the heap and may fill with the uploads' pages (128 MiB by default),
		// which the heap check below would count as retained uploads: 16 MiB keeps it out of the measure.
		registry.add("BUGBRIDGE_H2_CACHE_KB", () -> "16384");
	}

	static final int SUBMISSIONS = 20;

	static final int AT_A_TIME = 10;

	static final int FILES = 5;

	/** Just under the 5 MB limit, like the screenshots in the report. */
	static final int FILE_SIZE = 4_900_000;

	@LocalServerPort
	int port;

	@Autowired
	TicketService tickets;

	@Autowired
	org.springframework.jdbc.core.JdbcTemplate jdbc;

	@Test
	void submissionsWithFiveLargeScreenshotsTenAtATimeAreAllFiledWithExactCounts() throws Exception {
		byte[] screenshot = Arrays.copyOf(TestImages.png(), FILE_SIZE);
		String marker = "uploads-" + UUID.randomUUID();
		ExecutorService pool = Executors.newFixedThreadPool(AT_A_TIME);
		try {
			// One signed-in browser per concurrent customer; each sends its share one after the other.
			List<WebSession> browsers = new ArrayList<>();
			for (int i = 0; i < AT_A_TIME; i++) {
				// 25 MB per submission on a loaded machine can take longer than the usual 30 s; an
				// answer is what counts here, and the old failure was an answer (a 500), not a wait.
				browsers.add(WebSession.signedIn(port, TestAccounts.ALICE).timeout(Duration.ofMinutes(3)));
			}
			// Rounds of AT_A_TIME submissions at once; the heap after the first round (caches warm) is
			// the baseline that later rounds must not grow.
			List<Long> heapAfterRound = new ArrayList<>();
			List<Future<List<Page>>> perBrowser = new ArrayList<>();
			long started = System.nanoTime();
			for (int round = 0; round < SUBMISSIONS / AT_A_TIME; round++) {
			List<Future<List<Page>>> thisRound = new ArrayList<>();
			for (int b = 0; b < AT_A_TIME; b++) {
				WebSession browser = browsers.get(b);
				int first = round * AT_A_TIME + b;
				thisRound.add(pool.submit(() -> {
					List<Page> pages = new ArrayList<>();
					for (int n = first; n < first + 1; n++) {
						browser.get("/support/new/support");
						List<FilePart> files = new ArrayList<>();
						for (int f = 0; f < FILES; f++) {
							files.add(new FilePart("screenshots", "screen-" + n + "-" + f + ".png", screenshot));
						}
						pages.add(browser.postMultipart("/support/new/support", Map.of("summary", marker + " " + n,
								"description", "Many screenshots of the failing export", "priority", "High", "category",
								"technical"), files));
					}
					return pages;
				}));
			}
			for (Future<List<Page>> each : thisRound) {
				each.get(5, TimeUnit.MINUTES);
			}
			perBrowser.addAll(thisRound);
			heapAfterRound.add(settledHeap());
			}
			List<String> failures = new ArrayList<>();
			List<String> keys = new ArrayList<>();
			for (Future<List<Page>> each : perBrowser) {
				for (Page page : each.get(5, TimeUnit.MINUTES)) {
					if (page.status() == 302 && page.location().contains("/support/filed/")) {
						String path = page.location().replaceFirst("\\?.*$", "");
						keys.add(path.substring(path.lastIndexOf('/') + 1));
					}
					else {
						// The form's field messages, or the start of whatever else came back (a 500's page).
						String errors = page.contentType().startsWith("text/html")
								? page.html().select("[id$=-error], .error, [role=alert]").eachText().toString() : "";
						failures.add(page.status() + " " + errors + " "
								+ page.body().substring(0, Math.min(200, page.body().length())));
					}
				}
			}
			System.out.printf("%d submissions with %d x %d bytes, %d at a time: %d ms%n", SUBMISSIONS, FILES, FILE_SIZE,
					AT_A_TIME, java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
			assertThat(failures).as("submissions not filed (expected a redirect to the filed page)").isEmpty();
			assertThat(keys).hasSize(SUBMISSIONS).doesNotHaveDuplicates();
			for (String key : keys) {
				Ticket ticket = tickets.get(key);
				assertThat(ticket.summary()).startsWith(marker);
				assertThat(tickets.attachments(ticket)).as(key).hasSize(FILES)
					.allSatisfy(attachment -> assertThat(attachment.size()).isEqualTo(FILE_SIZE));
			}
			// The uploads do not stay on the heap: once the first round has warmed the caches, another
			// round of AT_A_TIME x 24.5 MB adds less than half of what it uploaded (in its own JVM the live
			// heap fell: 243 -> 166 MB; in the shared fork of the full suite it moved by -2 to +142 MB).
			System.out.println("heap after GC per round (MB): "
					+ heapAfterRound.stream().map(b -> b / 1048576).toList());
			assertThat(heapAfterRound.get(heapAfterRound.size() - 1) - heapAfterRound.get(0))
				.as("heap growth after the first round of uploads").isLessThan((long) AT_A_TIME * FILES * FILE_SIZE / 2);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(tickets.recount()).as("count rows that were off").isZero();
	}

	/**
	 * Live bytes once H2 has written what the round stored: until its background writer saves them,
	 * the last uploads' pages are held in memory (once +165 MB right after a round, gone seconds
	 * later), which is buffering, not retention. A checkpoint writes them; the least of three readings
	 * a second apart leaves out what the service still had in hand. A leak stays in every reading.
	 */
	private long settledHeap() throws InterruptedException {
		jdbc.execute("CHECKPOINT");
		long least = Long.MAX_VALUE;
		for (int reading = 0; reading < 3; reading++) {
			if (reading > 0) {
				Thread.sleep(1000);
			}
			least = Math.min(least, usedHeapAfterGc());
		}
		return least;
	}

	/**
	 * Bytes of live objects, counted by the JVM's class histogram (which runs a full collection
	 * first); "used after System.gc()" proved unreliable here, swinging by 100 MB between calls.
	 */
	private static long usedHeapAfterGc() {
		try {
			Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
					String.valueOf(ProcessHandle.current().pid()), "GC.class_histogram")
				.redirectErrorStream(true)
				.start();
			String histogram = new String(jcmd.getInputStream().readAllBytes());
			jcmd.waitFor();
			return histogram.lines()
				.filter(line -> line.startsWith("Total"))
				.map(line -> Long.parseLong(line.trim().split("\\s+")[2]))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("no total in the class histogram: " + histogram));
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
