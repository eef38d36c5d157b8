package io.bugbridge.fix;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import io.bugbridge.fix.FixRun.State;
import io.bugbridge.fix.github.CheckState;
import io.bugbridge.fix.github.ChecksCompleted;
import io.bugbridge.fix.github.GitHubClient;
import io.bugbridge.fix.github.PullRequest;
import io.bugbridge.fix.github.PullRequestClosed;
import io.bugbridge.ticket.NewComment;
import io.bugbridge.ticket.Ticket;
import io.bugbridge.ticket.TicketService;
import io.bugbridge.tracker.TicketTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The loop back from GitHub: a merged pull request resolves the ticket and tells the customer (in
 * public words, nothing internal); one closed unmerged is a failed fix; failing checks send the
 * agent back with the failure, a bounded number of times. Webhooks deliver the news; without a
 * webhook secret the poller asks GitHub instead. Either way each outcome is applied once.
 */
@Component
class FixFeedback {

	static final String MERGED_MESSAGE = "Good news: a fix for this problem has been completed, reviewed and merged."
			+ " It will reach you with the next release; we will let you know if anything else is needed.";

	private static final Logger log = LoggerFactory.getLogger(FixFeedback.class);

	private final FixStore store;

	private final TicketService tickets;

	private final TicketTracker tracker;

	private final PullRequests pullRequests;

	private final FixSettings settings;

	private final DefaultAutoFixService service;

	private final GitHubClient github;

	private final Clock clock;

	FixFeedback(FixStore store, TicketService tickets, TicketTracker tracker, PullRequests pullRequests,
			FixSettings settings, DefaultAutoFixService service, GitHubClient github, Clock clock) {
		this.store = store;
		this.tickets = tickets;
		this.tracker = tracker;
		this.pullRequests = pullRequests;
		this.settings = settings;
		this.service = service;
		this.github = github;
		this.clock = clock;
	}

	@EventListener
	void on(PullRequestClosed event) {
		store.byBranch(event.headRef())
			.filter(run -> run.prNumber() != null && run.prNumber() == event.number())
			.ifPresent(run -> decide(run, event.merged(), event.at()));
	}

	@EventListener
	void on(ChecksCompleted event) {
		if (event.success()) {
			return;
		}
		Optional<FixRun> run = event.headRef() != null ? store.byBranch(event.headRef())
				: store.withOpenPullRequests().stream().filter(r -> event.headSha().equals(r.headCommit())).findFirst();
		run.filter(r -> r.state() == State.PR_OPEN && event.headSha().equals(r.headCommit()))
			.ifPresent(r -> checksFailed(r, event.failureSummary()));
	}

	/**
	 * Asks GitHub about every open pull request: the only source of news without a webhook, and a
	 * safety net for deliveries that never arrive with one (each outcome is applied once either way).
	 */
	void poll() {
		if (!settings.github().configured()) {
			return;
		}
		for (FixRun run : store.withOpenPullRequests()) {
			try {
				PullRequest pr = github.getPullRequest(run.prNumber());
				if (!pr.open()) {
					decide(run, pr.merged(), pr.merged() ? pr.mergedAt() : pr.closedAt());
					continue;
				}
				CheckState checks = github.combinedChecks(run.headCommit());
				if (checks.status() == CheckState.Status.FAILURE) {
					checksFailed(run, checks.failureSummary());
				}
			}
			catch (RuntimeException ex) {
				log.warn("Polling pull request #{} failed: {}", run.prNumber(), ex.getMessage());
			}
		}
	}

	private void decide(FixRun run, boolean merged, Instant at) {
		if (!store.decide(run.id(), merged ? State.MERGED : State.CLOSED, at == null ? clock.instant() : at)) {
			return;
		}
		Ticket ticket = tickets.get(run.ticketKey());
		if (merged) {
			tracker.postInternalComment(ticket.key(), "Auto-Fix pull request " + run.prUrl() + " was merged.", FixJob.AUTO_FIX);
			tickets.addComment(ticket.key(), NewComment.publicComment(MERGED_MESSAGE), FixJob.AUTO_FIX);
			pullRequests.moveTo(ticket.key(), settings.properties().statusOnMerge());
		}
		else {
			tracker.postInternalComment(ticket.key(), "Auto-Fix pull request " + run.prUrl()
					+ " was closed without merging; recorded as a failed fix.", FixJob.AUTO_FIX);
		}
	}

	private void checksFailed(FixRun run, String failures) {
		int max = settings.properties().maxCheckRetries();
		if (run.checkRetries() >= max) {
			store.note(run.id(), "Checks still fail after " + max + " repair attempt(s); Auto-Fix stopped trying.");
			tracker.postInternalComment(run.ticketKey(), "Checks on " + run.prUrl() + " still fail after " + max
					+ " repair attempt(s); Auto-Fix stopped trying. Failing: " + failures, FixJob.AUTO_FIX);
			return;
		}
		long ticketId = store.ticketOf(run.id());
		if (store.reopenForRetry(run.id(), ticketId, failures)) {
			tracker.postInternalComment(run.ticketKey(), "Checks on " + run.prUrl() + " failed; Auto-Fix tries again ("
					+ (run.checkRetries() + 1) + " of " + max + ").", FixJob.AUTO_FIX);
			service.schedule(run.id());
		}
	}

}
