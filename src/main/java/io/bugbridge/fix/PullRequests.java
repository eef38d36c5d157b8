package io.bugbridge.fix;

import java.time.Clock;
import java.util.Optional;

import io.bugbridge.fix.FixRun.State;
import io.bugbridge.fix.github.GitHubClient;
import io.bugbridge.fix.github.PullRequest;
import io.bugbridge.ticket.Origin;
import io.bugbridge.ticket.Status;
import io.bugbridge.ticket.Ticket;
import io.bugbridge.ticket.TicketService;
import io.bugbridge.ticket.TicketUpdate;
import io.bugbridge.tracker.TicketTracker;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Opens (or updates) the draft pull request of a pushed fix, exactly once: the branch's open pull
 * request is looked up first, so a run resumed after a crash, or run again for the ticket, updates
 * the one pull request instead of opening a second. Never merges.
 */
@Component
class PullRequests {

	private final GitHubClient github;

	private final FixStore store;

	private final TicketService tickets;

	private final TicketTracker tracker;

	private final FixSettings settings;

	private final TransactionTemplate transactions;

	private final Clock clock;

	PullRequests(GitHubClient github, FixStore store, TicketService tickets, TicketTracker tracker, FixSettings settings,
			TransactionTemplate transactions, Clock clock) {
		this.github = github;
		this.store = store;
		this.tickets = tickets;
		this.tracker = tracker;
		this.settings = settings;
		this.transactions = transactions;
		this.clock = clock;
	}

	void open(FixRun run, Ticket ticket) {
		store.progress(run.id(), State.PUSHED, "Opening the pull request");
		FixResult result = store.result(run.id());
		String title = PullRequestText.title(ticket);
		String body = PullRequestText.body(ticket, result, run.usage(), run.changedFiles(), run.checkRetries());
		String base = settings.target(run.repository()).repository().base();
		Optional<PullRequest> existing = github.findOpenPullRequest(run.branch());
		PullRequest pr = existing.isPresent() ? github.updatePullRequest(existing.get().number(), title, body)
				: github.createDraftPullRequest(title, body, run.branch(), base);
		transactions.executeWithoutResult(tx -> {
			store.prOpened(run.id(), pr.number(), pr.htmlUrl(), clock.instant());
			FixRun opened = store.find(run.id()).orElseThrow();
			tracker.postInternalComment(ticket.key(), FixComments.opened(opened, existing.isPresent()), FixJob.AUTO_FIX);
			tracker.linkWebPage(ticket.key(), pr.htmlUrl(), "Pull request #" + pr.number() + ": " + title,
					"Draft fix by BugBridge Auto-Fix");
			moveTo(ticket.key(), settings.properties().statusOnPullRequest());
		});
	}

	/** Moves the ticket to a configured status unless it is already there or already closed out. */
	void moveTo(String ticketKey, String statusName) {
		if (statusName == null || statusName.isBlank()) {
			return;
		}
		Status wanted = Status.valueOf(statusName.strip().toUpperCase(java.util.Locale.ROOT).replace(' ', '_'));
		Ticket current = tickets.get(ticketKey);
		if (current.status() == wanted || current.status() == Status.CLOSED
				|| current.status() == Status.RESOLVED && wanted != Status.CLOSED) {
			return;
		}
		tickets.update(ticketKey, TicketUpdate.status(wanted), FixJob.AUTO_FIX, Origin.LOCAL);
	}

}
