package io.bugbridge.support;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.bugbridge.analysis.BugAnalysis;
import io.bugbridge.analysis.BugAnalysisService;
import io.bugbridge.ticket.Actor;
import io.bugbridge.ticket.Comment;
import io.bugbridge.ticket.NewComment;
import io.bugbridge.ticket.TicketService;
import io.bugbridge.tracker.TicketTracker;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Stand-ins for what the pages link to when it is installed: a Jira tracker (only its browse URLs)
 * and a bug analysis engine whose analyses run for a moment and then finish with files, a fix
 * approach and a pull request. Tests that import this share one application context.
 */
@TestConfiguration(proxyBeanMethods = false)
public class FakeIntegrations {

	public static final String JIRA = "https://jira.example.test/browse/";

	public static final String PULL_REQUEST = "https://github.example.test/acme/app/pull/";

	public static final String AUTO_FIX_OFF = "Auto-Fix needs an AI provider, and none is configured here.";

	/** What the real Auto-Fix check says here: no Claude key (nor repository, nor GitHub). */
	public static final String AUTO_FIX_NEEDS = "Auto-Fix needs: ANTHROPIC_API_KEY";

	@Bean
	@Primary
	TicketTracker fakeJira(TicketService tickets) {
		return new TicketTracker() {

			@Override
			public String name() {
				return "jira (test)";
			}

			@Override
			public Optional<URI> browseUrl(String ticketKey) {
				return Optional.of(URI.create(JIRA + ticketKey));
			}

			@Override
			public Comment postInternalComment(String ticketKey, String body, Actor author) {
				return tickets.addComment(ticketKey, new NewComment(body, true), author);
			}

		};
	}

	@Bean
	@Primary // over a real engine, where one is installed
	FakeAnalysis fakeAnalysis(Clock clock) {
		return new FakeAnalysis(clock);
	}

	/** Queued at first, running after a moment, done after {@link #DURATION}. */
	public static final class FakeAnalysis implements BugAnalysisService {

		public static final Duration DURATION = Duration.ofMillis(2500);

		private final Clock clock;

		private final AtomicLong ids = new AtomicLong();

		private final Map<String, List<Started>> byTicket = new ConcurrentHashMap<>();

		FakeAnalysis(Clock clock) {
			this.clock = clock;
		}

		@Override
		public synchronized BugAnalysis request(String ticketKey, String codebase, Actor requestedBy) {
			Optional<BugAnalysis> running = latest(ticketKey).filter(a -> !a.state().finished());
			if (running.isPresent()) {
				return running.get();
			}
			Started started = new Started(ids.incrementAndGet(), ticketKey, clock.instant(), System.nanoTime());
			byTicket.computeIfAbsent(ticketKey, key -> new ArrayList<>()).add(0, started);
			return started.now();
		}

		@Override
		public Optional<BugAnalysis> latest(String ticketKey) {
			return history(ticketKey).stream().findFirst();
		}

		@Override
		public List<BugAnalysis> history(String ticketKey) {
			return byTicket.getOrDefault(ticketKey, List.of()).stream().map(Started::now).toList();
		}

		@Override
		public Optional<BugAnalysis> find(long analysisId) {
			return byTicket.values().stream().flatMap(List::stream).filter(s -> s.id == analysisId).findFirst()
				.map(Started::now);
		}

		@Override
		public io.bugbridge.analysis.Readiness readiness(String ticketKey) {
			return new io.bugbridge.analysis.Readiness(80, 40, List.of());
		}

		@Override
		public Capabilities capabilities() {
			return new Capabilities("test engine", false, AUTO_FIX_OFF);
		}

		private record Started(long id, String ticketKey, Instant requested, long startedNanos) {

			BugAnalysis now() {
				Duration elapsed = Duration.ofNanos(System.nanoTime() - startedNanos);
				if (elapsed.compareTo(Duration.ofMillis(300)) < 0) {
					return analysis(BugAnalysis.State.QUEUED, 0, "Waiting for a free worker", null);
				}
				if (elapsed.compareTo(DURATION) < 0) {
					int progress = (int) Math.min(95, 10 + elapsed.toMillis() * 85 / DURATION.toMillis());
					return analysis(BugAnalysis.State.RUNNING, progress, "Ranking files by the stack trace", null);
				}
				return analysis(BugAnalysis.State.DONE, 100, "Done", requested.plus(DURATION));
			}

			private BugAnalysis analysis(BugAnalysis.State state, int progress, String message, Instant finished) {
				boolean done = state == BugAnalysis.State.DONE;
				return new BugAnalysis(id, ticketKey, state, progress, message,
						done ? "Understanding:\nThe PDF renderer receives an empty model.\n\nRoot Cause:\n"
								+ "ReportExporter skips the data load when the cache is warm." : null,
						done ? List.of(new BugAnalysis.SuggestedFile("src/main/java/com/acme/ReportExporter.java", 0.91,
								List.of("stack frame ReportExporter.java:42", "mentions \"PDF\"")),
								new BugAnalysis.SuggestedFile("src/main/java/com/acme/PdfRenderer.java", 0.64,
										List.of("changed 3 days ago"))) : List.of(),
						done ? "Load the report data before rendering, also on a warm cache." : null,
						done ? List.of("Cache warm-up skips the loader") : List.of(),
						done ? List.of("None expected") : List.of(), done ? "1 hour" : null, done ? "Low" : null,
						"test engine", done ? PULL_REQUEST + id : null, requested, finished, null, null);
			}

		}

	}

}
