package io.bugbridge.fix;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import io.bugbridge.fix.workspace.Workspaces;
import io.bugbridge.ticket.Actor;
import io.bugbridge.ticket.Ticket;
import io.bugbridge.ticket.TicketService;
import io.bugbridge.ticket.TicketType;
import io.bugbridge.web.InvalidRequestException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Queues Auto-Fix runs as background jobs, one active per ticket, and answers from the stored runs. */
@Service
class DefaultAutoFixService implements AutoFixService {

	private final FixStore store;

	private final TicketService tickets;

	private final FixSettings settings;

	private final SchedulerClient scheduler;

	private final Clock clock;

	DefaultAutoFixService(FixStore store, TicketService tickets, FixSettings settings, SchedulerClient scheduler,
			Clock clock) {
		this.store = store;
		this.tickets = tickets;
		this.settings = settings;
		this.scheduler = scheduler;
		this.clock = clock;
	}

	@Override
	@Transactional
	public FixRun request(String ticketKey, boolean createPr, Actor requestedBy) {
		Ticket ticket = tickets.get(ticketKey);
		if (ticket.type() != TicketType.BUG) {
			throw new InvalidRequestException("issue_key", ticket.key() + " is a " + ticket.type()
					+ "; only bug reports are fixed automatically");
		}
		Availability availability = availability(createPr);
		if (!availability.available()) {
			throw new AutoFixUnavailableException(createPr ? "create_pr" : "auto_fix", availability);
		}
		Optional<FixRun> active = store.active(ticket.id());
		if (active.isPresent()) {
			return active.get();
		}
		// Running again for a ticket whose pull request is open updates that branch and pull request.
		String branch = store.openPullRequest(ticket.id())
			.map(FixRun::branch)
			.orElseGet(() -> Workspaces.branchName(ticket.key(), ticket.summary()));
		Instant now = clock.instant();
		Optional<Long> id = store.insertQueued(ticket.id(), settings.repositoryName(null), createPr, branch,
				requestedBy.historyName(), now);
		if (id.isEmpty()) {
			return store.active(ticket.id()).orElseThrow();
		}
		schedule(id.get());
		return store.find(id.get()).orElseThrow();
	}

	void schedule(long runId) {
		schedule(runId, java.time.Duration.ZERO);
	}

	void schedule(long runId, java.time.Duration delay) {
		// A new instance id per attempt: a retry or repair of the same run must not collide with the
		// execution that schedules it.
		scheduler.schedule(FixJob.TASK.instance("fix-" + runId + "-" + System.nanoTime()).data(runId)
			.scheduledTo(clock.instant().plus(delay)));
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<FixRun> find(long runId) {
		return store.find(runId);
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<FixRun> latest(String ticketKey) {
		return history(ticketKey).stream().findFirst();
	}

	@Override
	@Transactional(readOnly = true)
	public List<FixRun> history(String ticketKey) {
		return store.history(tickets.get(ticketKey).id());
	}

	@Override
	@Transactional
	public FixRun cancel(long runId, Actor by) {
		FixRun run = store.find(runId).orElseThrow(() -> new InvalidRequestException("run", "no Auto-Fix run " + runId));
		if (run.state().active() && !store.cancelQueued(runId, clock.instant())) {
			store.requestCancel(runId);
		}
		return store.find(runId).orElseThrow();
	}

	@Override
	public Availability availability(boolean createPr) {
		return settings.availability(createPr);
	}

	@Override
	@Transactional(readOnly = true)
	public Stats stats() {
		return store.stats();
	}

}
