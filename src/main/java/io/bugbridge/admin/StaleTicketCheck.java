package io.bugbridge.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.bugbridge.ticket.Actor;
import io.bugbridge.ticket.NewComment;
import io.bugbridge.ticket.Status;
import io.bugbridge.ticket.Ticket;
import io.bugbridge.ticket.TicketService;
import io.bugbridge.ticket.TicketStatistics;
import org.springframework.stereotype.Component;

/**
 * Finds tickets that sat too long without any update and nudges the side that owes a move: a
 * public reminder to the customer when the ticket waits for them, an internal note for staff
 * otherwise. The comment itself updates the ticket, so the same ticket is flagged again only after
 * another full idle period.
 */
@Component
class StaleTicketCheck {

	static final String CUSTOMER_REMINDER = "We are still waiting for your reply to continue with this ticket."
			+ " Please answer here when you can.";

	private final TicketStatistics statistics;

	private final TicketService tickets;

	private final AdminJobsProperties properties;

	private final Clock clock;

	StaleTicketCheck(TicketStatistics statistics, TicketService tickets, AdminJobsProperties properties, Clock clock) {
		this.statistics = statistics;
		this.tickets = tickets;
		this.properties = properties;
		this.clock = clock;
	}

	List<StaleTicket> run() {
		Instant now = clock.instant();
		List<StaleTicket> found = new ArrayList<>();
		for (Map.Entry<Status, Duration> rule : properties.staleAfter().entrySet()) {
			Status status = rule.getKey();
			for (Ticket ticket : statistics.idleSince(status, now.minus(rule.getValue()), properties.staleBatch())) {
				long idleDays = Duration.between(ticket.updated(), now).toDays();
				String action;
				if (status == Status.WAITING_FOR_CUSTOMER) {
					tickets.addComment(ticket.key(), NewComment.publicComment(CUSTOMER_REMINDER), Actor.SYSTEM);
					action = "reminded customer";
				}
				else {
					tickets.addComment(ticket.key(), new NewComment("No update for " + idleDays + " days while "
							+ status + ". Please follow up or change the status.", true), Actor.SYSTEM);
					action = "internal note for staff";
				}
				found.add(new StaleTicket(ticket.key(), ticket.summary(), status, ticket.assigneeEmail(), idleDays, action));
			}
		}
		return found;
	}

	/** A ticket the check acted on. */
	record StaleTicket(String key, String summary, Status status, String assigneeEmail, long idleDays, String action) {
	}

}
