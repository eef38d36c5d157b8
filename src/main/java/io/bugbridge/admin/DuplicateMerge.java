package io.bugbridge.admin;

import io.bugbridge.feedback.FeedbackService;
import io.bugbridge.ticket.Actor;
import io.bugbridge.ticket.NewComment;
import io.bugbridge.ticket.Origin;
import io.bugbridge.ticket.Status;
import io.bugbridge.ticket.Ticket;
import io.bugbridge.ticket.TicketLink;
import io.bugbridge.ticket.TicketService;
import io.bugbridge.ticket.TicketUpdate;
import io.bugbridge.web.InvalidRequestException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Merges a duplicate into the ticket it duplicates: the link is recorded, the reporter of the
 * duplicate is told (publicly, without revealing the other customer's ticket), the duplicate is
 * closed, and votes move to the surviving feature request.
 */
@Service
public class DuplicateMerge {

	static final String CUSTOMER_NOTE = "We found that this ticket reports the same issue as another one we are"
			+ " already working on, so we have merged them and closed this copy. The fix will reach you all the same;"
			+ " reply here if you think we got it wrong.";

	private final TicketService tickets;

	private final FeedbackService feedback;

	DuplicateMerge(TicketService tickets, FeedbackService feedback) {
		this.tickets = tickets;
		this.feedback = feedback;
	}

	/** Merges {@code duplicateKey} into {@code targetKey}; returns the target as it is afterwards. */
	@Transactional
	public Ticket merge(String duplicateKey, String targetKey, Actor actor) {
		Ticket duplicate = tickets.get(duplicateKey);
		Ticket target = tickets.get(targetKey);
		if (duplicate.id() == target.id()) {
			throw new InvalidRequestException("into", "must name another ticket than " + duplicate.key());
		}
		tickets.link(duplicate.key(), TicketLink.DUPLICATE_OF, target.key(), actor);
		tickets.addComment(duplicate.key(), NewComment.publicComment(CUSTOMER_NOTE), actor);
		if (duplicate.status() != Status.CLOSED) {
			tickets.update(duplicate.key(), TicketUpdate.status(Status.CLOSED), actor, Origin.LOCAL);
		}
		feedback.moveVotes(duplicate, target);
		tickets.addComment(target.key(), new NewComment(duplicate.key() + " (" + describe(duplicate)
				+ ") was merged into this ticket as a duplicate.", true), actor);
		return tickets.get(target.key());
	}

	private static String describe(Ticket ticket) {
		return ticket.customerId() != null ? "customer " + ticket.customerId() + ", " + ticket.reporterEmail()
				: ticket.reporterEmail();
	}

}
