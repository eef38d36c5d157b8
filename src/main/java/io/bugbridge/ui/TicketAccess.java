package io.bugbridge.ui;

import io.bugbridge.security.Caller;
import io.bugbridge.ticket.Actor;
import io.bugbridge.ticket.Ticket;
import io.bugbridge.ticket.TicketNotFoundException;
import io.bugbridge.ticket.TicketService;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * The pages' one door to a ticket: the same rule as the API ({@link Caller#canSeeTicketsOf}), and
 * the same answer for a ticket that does not exist and one that belongs to another customer (404),
 * so keys cannot be probed.
 */
@Component
public class TicketAccess {

	private final TicketService tickets;

	TicketAccess(TicketService tickets) {
		this.tickets = tickets;
	}

	public Ticket visible(String key, Caller caller) {
		return tickets.findByKey(key)
			.filter(ticket -> caller.canSeeTicketsOf(ticket.customerId()))
			.orElseThrow(() -> new TicketNotFoundException(key));
	}

	/** Who did it, as comments and history record it. */
	public static Actor actor(Caller caller) {
		return new Actor(caller.subject(), caller.email(), caller.name(),
				caller.isAdmin() ? Actor.Kind.STAFF : Actor.Kind.CUSTOMER);
	}

	/**
	 * The customer account whose tickets a caller may list; null for admins, who see all. A customer
	 * without an account sees nothing (sign-in refuses such accounts; this is the second lock).
	 */
	public static String scope(Caller caller) {
		if (caller.isAdmin()) {
			return null;
		}
		if (caller.customerId() == null) {
			throw new AccessDeniedException("No customer account");
		}
		return caller.customerId();
	}

}
