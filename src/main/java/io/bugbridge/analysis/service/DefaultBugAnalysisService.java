package io.bugbridge.analysis.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import io.bugbridge.analysis.AnalysisProgressed;
import io.bugbridge.analysis.BugAnalysis;
import io.bugbridge.analysis.BugAnalysisService;
import io.bugbridge.analysis.Readiness;
import io.bugbridge.ticket.Actor;
import io.bugbridge.ticket.Ticket;
import io.bugbridge.ticket.TicketService;
import io.bugbridge.ticket.TicketType;
import io.bugbridge.web.InvalidRequestException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Queues analyses as background jobs (one active per ticket, a bounded number in all) and answers
 * from the stored results. The job itself is {@link AnalysisJob}.
 */
@Service
class DefaultBugAnalysisService implements BugAnalysisService {

	static final String AUTO_FIX_UNAVAILABLE = "Automatic fix pull requests are not set up in this installation.";

	private final AnalysisStore store;

	private final TicketService tickets;

	private final CodeRepositories repositories;

	private final SchedulerClient scheduler;

	private final AnalysisProperties properties;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final ClaudeAnalysisStep claude;

	DefaultBugAnalysisService(AnalysisStore store, TicketService tickets, CodeRepositories repositories,
			SchedulerClient scheduler, AnalysisProperties properties, ApplicationEventPublisher events, Clock clock,
			ClaudeAnalysisStep claude) {
		this.claude = claude;
		this.store = store;
		this.tickets = tickets;
		this.repositories = repositories;
		this.scheduler = scheduler;
		this.properties = properties;
		this.events = events;
		this.clock = clock;
	}

	@Override
	@Transactional
	public BugAnalysis request(String ticketKey, String codebase, Actor requestedBy) {
		Ticket ticket = tickets.get(ticketKey);
		if (ticket.type() != TicketType.BUG) {
			throw new InvalidRequestException("issue_key", ticket.key() + " is a " + ticket.type()
					+ "; only bug reports are analysed");
		}
		String repository = repositories.resolve(codebase).name();
		Optional<BugAnalysis> running = store.active(ticket.id());
		if (running.isPresent()) {
			return running.get();
		}
		int active = store.activeCount();
		if (active >= properties.maxActive()) {
			throw new AnalysisQueueFullException(active);
		}
		Instant now = clock.instant();
		Optional<Long> id = store.insertQueued(ticket.id(), repository, requestedBy.historyName(),
				requestedBy.kind() == Actor.Kind.SYSTEM, now);
		if (id.isEmpty()) {
			// Another request for this ticket won the race a moment ago.
			return store.active(ticket.id()).orElseThrow();
		}
		scheduler.schedule(AnalysisJob.TASK.instance("analysis-" + id.get()).data(id.get()).scheduledTo(now));
		BugAnalysis queued = store.find(id.get()).orElseThrow();
		events.publishEvent(new AnalysisProgressed(queued));
		return queued;
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<BugAnalysis> latest(String ticketKey) {
		return history(ticketKey).stream().findFirst();
	}

	@Override
	@Transactional(readOnly = true)
	public List<BugAnalysis> history(String ticketKey) {
		return store.history(tickets.get(ticketKey).id());
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<BugAnalysis> find(long id) {
		return store.find(id);
	}

	@Override
	@Transactional(readOnly = true)
	public Readiness readiness(String ticketKey) {
		Ticket ticket = tickets.get(ticketKey);
		io.bugbridge.analysis.Confidence confidence = store.history(ticket.id())
			.stream()
			.filter(a -> a.details().confidence() != null)
			.findFirst()
			.map(a -> new io.bugbridge.analysis.Confidence(
					io.bugbridge.analysis.Confidence.Level.valueOf(a.details().confidence().toUpperCase(java.util.Locale.ROOT)),
					0, "from the last analysis"))
			.orElse(null);
		return ReadinessAssessor.assess(ticket, !repositories.isEmpty(), confidence, claude.autoThreshold());
	}

	/** What an admin reads instead of a button that would fail: what to set. */
	static final String NO_REPOSITORY = "No code repository is configured, so there is no code to analyse. Set"
			+ " BUGBRIDGE_REPOSITORIES_0_PATH to a local git repository (or BUGBRIDGE_REPOSITORIES_0_URL to clone one),"
			+ " or GITHUB_REPO_OWNER and GITHUB_REPO_NAME, and restart.";

	@Override
	public Capabilities capabilities() {
		String engine = claude.available() ? "Claude " + claude.model() + " with the offline index as evidence"
				: AnalysisWriter.ENGINE;
		return new Capabilities(engine + (repositories.isEmpty() ? " (no repositories configured)" : ""), false,
				AUTO_FIX_UNAVAILABLE, repositories.isEmpty() ? NO_REPOSITORY : null);
	}

	@Override
	public boolean claude() {
		return claude.available();
	}

	boolean hasRepositories() {
		return !repositories.isEmpty();
	}

}
