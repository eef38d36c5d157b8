package io.bugbridge.jira;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.bugbridge.ticket.AttachmentAdded;
import io.bugbridge.ticket.CommentAdded;
import io.bugbridge.ticket.Origin;
import io.bugbridge.ticket.TicketCreated;
import io.bugbridge.ticket.TicketUpdated;
import org.springframework.context.event.EventListener;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Turns local changes into outbox entries, synchronously in the transaction of the change: an
 * entry exists if and only if the change committed. Changes that came from Jira
 * ({@link Origin#TRACKER}) are never queued, so nothing echoes back.
 */
class SyncListener {

	/** The fields BugBridge writes to Jira. */
	static final Set<String> SYNCED_FIELDS = Set.of("status", "priority", "assignee", "summary", "description");

	private final OutboxRepository outbox;

	private final OutboxPump pump;

	private final JiraProperties properties;

	SyncListener(OutboxRepository outbox, OutboxPump pump, JiraProperties properties) {
		this.outbox = outbox;
		this.pump = pump;
		this.properties = properties;
	}

	@EventListener
	void on(TicketCreated event) {
		if (event.origin() != Origin.LOCAL) {
			return;
		}
		// Intake tries Jira itself within its budget; the worker takes over only after that.
		outbox.ensureLink(event.ticket().id(), outbox.now().plus(properties.intakeBudget()).plusMillis(500));
		outbox.enqueue(event.ticket().id(), OutboxRepository.Operation.CREATE, null);
	}

	@EventListener
	void on(TicketUpdated event) {
		if (event.origin() != Origin.LOCAL) {
			return;
		}
		List<String> fields = event.changes()
			.stream()
			.map(change -> change.field())
			.filter(SYNCED_FIELDS::contains)
			.distinct()
			.toList();
		if (!fields.isEmpty()) {
			queue(event.ticket().id(), OutboxRepository.Operation.UPDATE, fields.stream().collect(Collectors.joining(",")));
		}
	}

	@EventListener
	void on(CommentAdded event) {
		if (event.origin() == Origin.LOCAL) {
			queue(event.ticket().id(), OutboxRepository.Operation.COMMENT, String.valueOf(event.comment().id()));
		}
	}

	@EventListener
	void on(AttachmentAdded event) {
		if (event.origin() == Origin.LOCAL) {
			queue(event.ticket().id(), OutboxRepository.Operation.ATTACHMENT,
					String.valueOf(event.attachment().id()));
		}
	}

	/** Queues a change of the ticket after its create (queued first if the ticket has none yet). */
	void queue(long ticketId, OutboxRepository.Operation operation, String payload) {
		// A ticket filed before Jira was connected gets its create first, then this change.
		if (outbox.link(ticketId).isEmpty()) {
			outbox.ensureLink(ticketId, outbox.now());
			outbox.enqueue(ticketId, OutboxRepository.Operation.CREATE, Deliverer.LOOKUP_FIRST);
		}
		outbox.enqueue(ticketId, operation, payload);
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					pump.wake();
				}
			});
		}
		else {
			pump.wake();
		}
	}

}
