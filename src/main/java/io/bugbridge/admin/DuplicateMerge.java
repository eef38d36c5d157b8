package io.bugbridge.admin;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Service;
import org.springframework.web.ErrorResponseException;
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
		refuseCycle(duplicate, target);
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

	/**
	 * Merging A into B and then B into A (or around a longer loop) would leave no surviving ticket:
	 * refused with 409 when {@code target} already is, directly or through other merges, a duplicate
	 * of {@code duplicate}.
	 */
	private void refuseCycle(Ticket duplicate, Ticket target) {
		Set<Long> seen = new HashSet<>();
		Deque<Ticket> next = new ArrayDeque<>(List.of(target));
		while (!next.isEmpty()) {
			Ticket current = next.pop();
			if (!seen.add(current.id())) {
				continue;
			}
			for (TicketLink link : tickets.links(current)) {
				if (!TicketLink.DUPLICATE_OF.equals(link.kind()) || !link.fromKey().equals(current.key())) {
					continue;
				}
				Ticket survivor = tickets.findByKey(link.toKey()).orElse(null);
				if (survivor == null) {
					continue;
				}
				if (survivor.id() == duplicate.id()) {
					ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, target.key()
							+ " was already merged into " + duplicate.key() + (current.id() == target.id() ? ""
									: " (through " + current.key() + ")")
							+ "; merging " + duplicate.key() + " into it would leave no surviving ticket.");
					problem.setTitle("Merge would make a cycle");
					throw new ErrorResponseException(HttpStatus.CONFLICT, problem, null);
				}
				next.push(survivor);
			}
		}
	}

	private static String describe(Ticket ticket) {
		return ticket.customerId() != null ? "customer " + ticket.customerId() + ", " + ticket.reporterEmail()
				: ticket.reporterEmail();
	}

}
