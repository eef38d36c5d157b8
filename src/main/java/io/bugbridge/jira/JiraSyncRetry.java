package io.bugbridge.jira;

import java.util.Optional;

import io.bugbridge.jira.OutboxRepository.Link;
import io.bugbridge.ticket.Actor;
import io.bugbridge.ticket.TicketService;
import io.bugbridge.tracker.SyncRetry;
import io.bugbridge.tracker.TrackerSelection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An admin's retry of one ticket's Jira delivery. It only changes what the queue holds and when it
 * is due; sending stays with {@link OutboxPump} and {@link Deliverer}, under the ticket's lease,
 * with their exactly-once rules (a create whose outcome is unknown is looked up, never repeated).
 */
@Component
@Conditional(TrackerSelection.JiraConfigured.class)
class JiraSyncRetry implements SyncRetry {

	private static final Logger log = LoggerFactory.getLogger(JiraSyncRetry.class);

	static final String HISTORY_ACTION = "sync-retried";

	private final OutboxRepository outbox;

	private final OutboxPump pump;

	private final TicketService tickets;

	private final TransactionTemplate transactions;

	JiraSyncRetry(OutboxRepository outbox, OutboxPump pump, TicketService tickets,
			PlatformTransactionManager transactionManager) {
		this.outbox = outbox;
		this.pump = pump;
		this.tickets = tickets;
		this.transactions = new TransactionTemplate(transactionManager);
	}

	@Override
	public Retried retry(long ticketId, Actor actor) {
		Retried retried = transactions.execute(tx -> {
			Retried done = requeue(ticketId);
			if (!done.nothing()) {
				tickets.recordAction(ticketId, actor, HISTORY_ACTION, done.describe());
			}
			return done;
		});
		if (!retried.nothing()) {
			log.info("Jira sync of ticket {} retried by {}: {}", ticketId, actor.historyName(), retried.describe());
			pump.wake();
		}
		return retried;
	}

	private Retried requeue(long ticketId) {
		Optional<Link> found = outbox.link(ticketId);
		if (found.isEmpty()) {
			// Filed before Jira was connected: what reconciliation's backfill would do, now.
			queueCreate(ticketId);
			return new Retried(0, 0, true);
		}
		Link link = found.get();
		if (link.issueDeleted()) {
			return new Retried(0, 0, false);
		}
		int refused = outbox.requeueDeadLetters(ticketId);
		long queued = outbox.backlogOf(ticketId);
		int waiting = link.attempts() > 0 ? (int) (queued - refused) : 0;
		boolean created = false;
		if (queued == 0 && link.issueId() == null) {
			// No issue and nothing left that would make one (its entries were discarded): look, then create.
			queueCreate(ticketId);
			created = true;
		}
		if (refused > 0 || waiting > 0 || created) {
			outbox.retryNow(ticketId);
		}
		return new Retried(refused, Math.max(0, waiting), created);
	}

	private void queueCreate(long ticketId) {
		outbox.ensureLink(ticketId, outbox.now());
		outbox.enqueue(ticketId, OutboxRepository.Operation.CREATE, Deliverer.LOOKUP_FIRST);
	}

}
