package io.bugbridge.notify;

import java.util.List;

import io.bugbridge.ticket.Actor;
import io.bugbridge.ticket.Comment;
import io.bugbridge.ticket.CommentAdded;
import io.bugbridge.ticket.FieldChange;
import io.bugbridge.ticket.Status;
import io.bugbridge.ticket.Ticket;
import io.bugbridge.ticket.TicketCreated;
import io.bugbridge.ticket.TicketService;
import io.bugbridge.ticket.TicketUpdated;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Decides who hears about what happens to tickets. Runs synchronously inside the transaction that
 * published the event, so the notifications it queues commit or roll back with the change itself;
 * it only queues, so the request is not held up by SMTP or Slack.
 *
 * <ul>
 * <li>The customer (the ticket's reporter) hears of public replies by staff or the system, of
 * status changes from anywhere (a ticket resolved in Jira included) and, on resolution, is asked to
 * rate the help. Internal comments never reach a customer.</li>
 * <li>Admins hear of new High and Critical tickets.</li>
 * </ul>
 */
@Component
class TicketNotifications {

	private final Outbox outbox;

	private final MessageModels models;

	private final TicketService tickets;

	TicketNotifications(Outbox outbox, MessageModels models, TicketService tickets) {
		this.outbox = outbox;
		this.models = models;
		this.tickets = tickets;
	}

	@EventListener
	void on(TicketCreated event) {
		Ticket ticket = event.ticket();
		if (ticket.priority().isUrgent()) {
			outbox.toAdmins(Kind.ADMIN_NEW_TICKET, ticket.key(), "created " + ticket.priority().label(),
					models.newTicket(ticket));
		}
	}

	@EventListener
	void on(CommentAdded event) {
		Comment comment = event.comment();
		if (comment.internal() || comment.authorKind() == Actor.Kind.CUSTOMER) {
			return;
		}
		Ticket ticket = event.ticket();
		outbox.toCustomer(Kind.CUSTOMER_COMMENT, ticket.reporterEmail(), ticket.key(), "comment " + comment.id(),
				models.customerComment(ticket, comment));
	}

	@EventListener
	void on(TicketUpdated event) {
		FieldChange change = event.changes()
			.stream()
			.filter(c -> c.field().equals("status"))
			.findFirst()
			.orElse(null);
		Ticket ticket = event.ticket();
		if (change == null || isReporter(event.actor(), ticket)) {
			// People need not be told what they just did themselves.
			return;
		}
		Status to = ticket.status();
		boolean resolved = to.isDone() && !wasDone(change.oldValue());
		outbox.toCustomer(resolved ? Kind.CUSTOMER_RESOLVED : Kind.CUSTOMER_STATUS, ticket.reporterEmail(),
				ticket.key(), "status " + change.oldValue() + " -> " + change.newValue(),
				models.customerStatus(ticket, change.oldValue(), to, latestStaffReply(ticket)));
	}

	private static boolean isReporter(Actor actor, Ticket ticket) {
		return actor.kind() == Actor.Kind.CUSTOMER && actor.email() != null
				&& actor.email().equalsIgnoreCase(ticket.reporterEmail());
	}

	private static boolean wasDone(String oldStatus) {
		try {
			return oldStatus != null && Status.fromLabel(oldStatus).isDone();
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	/** Public comments only: this text goes to the customer. */
	private Comment latestStaffReply(Ticket ticket) {
		List<Comment> visible = tickets.comments(ticket, false);
		for (int i = visible.size() - 1; i >= 0; i--) {
			Comment comment = visible.get(i);
			if (!comment.internal() && comment.authorKind() != Actor.Kind.CUSTOMER) {
				return comment;
			}
		}
		return null;
	}

}
