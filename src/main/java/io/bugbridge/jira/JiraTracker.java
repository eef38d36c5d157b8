package io.bugbridge.jira;

import java.net.URI;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import io.bugbridge.ticket.Actor;
import io.bugbridge.ticket.Comment;
import io.bugbridge.ticket.NewComment;
import io.bugbridge.ticket.Ticket;
import io.bugbridge.ticket.TicketService;
import io.bugbridge.tracker.TicketTracker;
import io.bugbridge.tracker.TrackerReceipt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Jira as the ticket tracker. Intake hands a new ticket to {@link #confirmIntake}, which delivers
 * its outbox entry right away on a bounded pool and waits at most the intake budget: the answer
 * then carries the Jira key; past the budget, or with the circuit open, it carries the
 * provisional key and the delivery finishes (or is retried) in the background. The first intake
 * that runs out of its budget lets the others answer "pending" at once (and releases those
 * waiting) until its call ends: see {@link JiraAvailability#stalled()}.
 */
class JiraTracker implements TicketTracker, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(JiraTracker.class);

	/** Provisional keys: {@code <PROJECT>-P<n>}. Jira keys are {@code <PROJECT>-<digits>}, so they never meet. */
	static final Pattern PROVISIONAL = Pattern.compile("[A-Z][A-Z0-9_]*-P\\d+");

	private final JiraProperties properties;

	private final OutboxRepository outbox;

	private final Deliverer deliverer;

	private final JiraAvailability availability;

	private final OutboxPump pump;

	private final TicketService tickets;

	private final SyncListener sync;

	private final TransactionTemplate transactions;

	private final ThreadPoolExecutor intake;

	JiraTracker(JiraProperties properties, OutboxRepository outbox, Deliverer deliverer,
			JiraAvailability availability, OutboxPump pump, TicketService tickets, SyncListener sync,
			TransactionTemplate transactions) {
		this.properties = properties;
		this.sync = sync;
		this.transactions = transactions;
		this.outbox = outbox;
		this.deliverer = deliverer;
		this.availability = availability;
		this.pump = pump;
		this.tickets = tickets;
		AtomicInteger n = new AtomicInteger();
		// No queue: when every slot is busy Jira is slow anyway, and intake answers "pending" at once.
		this.intake = new ThreadPoolExecutor(0, 32, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
			Thread thread = new Thread(r, "jira-intake-" + n.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	@Override
	public String name() {
		return "jira";
	}

	@Override
	public Optional<URI> browseUrl(String ticketKey) {
		if (ticketKey == null || PROVISIONAL.matcher(ticketKey).matches()) {
			return Optional.empty();
		}
		return Optional.of(URI.create(properties.baseUrl() + "/browse/" + ticketKey));
	}

	@Override
	public TrackerReceipt confirmIntake(Ticket ticket) {
		String claim = pump.newClaim();
		if (!availability.closed() || !outbox.claim(ticket.id(), claim, properties.delivery().lease())) {
			return pendingNow(ticket);
		}
		// 0 running, 1 ended, 2 answered "pending" while still running.
		AtomicInteger state = new AtomicInteger();
		CompletableFuture<Void> stall = availability.stallSignal();
		CompletableFuture<Void> delivery;
		try {
			delivery = CompletableFuture.runAsync(() -> {
				try {
					deliverer.deliver(ticket.id(), claim);
				}
				finally {
					if (state.getAndSet(1) == 2) {
						availability.stallEnded();
					}
				}
			}, intake);
		}
		catch (RejectedExecutionException busy) {
			outbox.release(ticket.id(), claim);
			return pendingNow(ticket);
		}
		try {
			// Done when the call is, or when another intake ran out of its budget: Jira is slow now.
			CompletableFuture.anyOf(delivery, stall).get(properties.intakeBudget().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException slow) {
			// Handled below: the call is still running.
		}
		catch (ExecutionException ex) {
			return TrackerReceipt.pending(ticket.key());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return TrackerReceipt.pending(ticket.key());
		}
		if (!delivery.isDone()) {
			// The call goes on and records its result; the worker retries it if it fails. Until it
			// ends, further intakes answer "pending" at once instead of waiting out the budget too.
			if (state.compareAndSet(0, 2)) {
				availability.stalled();
			}
			return TrackerReceipt.pending(ticket.key());
		}
		if (delivery.isCompletedExceptionally()) {
			return TrackerReceipt.pending(ticket.key());
		}
		return outbox.link(ticket.id())
			.filter(link -> link.issueKey() != null)
			.map(link -> TrackerReceipt.synced(link.issueKey()))
			.orElseGet(() -> TrackerReceipt.pending(ticket.key()));
	}

	/** Intake skipped Jira: let the worker have the ticket now rather than after the budget. */
	private TrackerReceipt pendingNow(Ticket ticket) {
		outbox.dueNow(ticket.id());
		pump.wake();
		return TrackerReceipt.pending(ticket.key());
	}

	@Override
	public Comment postInternalComment(String ticketKey, String body, Actor author) {
		// Stored locally; the outbox mirrors it to Jira as an internal comment.
		return tickets.addComment(ticketKey, new NewComment(body, true), author);
	}

	/**
	 * Queues the link in the caller's transaction (or one of its own), behind the ticket's create
	 * like a comment; unknown tickets and unusable urls are logged and skipped.
	 */
	@Override
	public void linkWebPage(String ticketKey, String url, String title, String summary) {
		Optional<RemoteLink> link = RemoteLink.of(url, title, summary);
		if (link.isEmpty()) {
			log.warn("Not linking {} on ticket {}: not an absolute http(s) url of at most {} characters", url,
					ticketKey, RemoteLink.MAX_URL);
			return;
		}
		transactions.executeWithoutResult(tx -> {
			Optional<Ticket> ticket = tickets.findByKey(ticketKey);
			if (ticket.isEmpty()) {
				log.warn("Not linking {} on ticket {}: no such ticket", url, ticketKey);
				return;
			}
			sync.queue(ticket.get().id(), OutboxRepository.Operation.REMOTE_LINK, link.get().payload());
		});
	}

	@Override
	public void destroy() {
		intake.shutdownNow();
	}

}
