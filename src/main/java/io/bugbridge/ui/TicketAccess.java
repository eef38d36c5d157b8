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

	/** A ticket number as people type it: {@code AURA-2}, {@code aura-2}, {@code AURA-P3}, {@code 2}, {@code #2}. */
	private static final java.util.regex.Pattern KEY = java.util.regex.Pattern
		.compile("#?(?:([A-Za-z][A-Za-z0-9_]*)-)?([Pp]?\\d{1,18})");

	private final TicketService tickets;

	private final String projectKey;

	TicketAccess(TicketService tickets, io.bugbridge.config.BugBridgeProperties properties) {
		this.tickets = tickets;
		this.projectKey = properties.projectKey();
	}

	/**
	 * The ticket a search text names by its number, with or without the project prefix, when the
	 * caller may see it (the same rule as {@link #visible}); empty for any other text.
	 */
	public java.util.Optional<Ticket> byNumber(String text, Caller caller) {
		if (text == null) {
			return java.util.Optional.empty();
		}
		java.util.regex.Matcher matcher = KEY.matcher(text.strip());
		if (!matcher.matches()) {
			return java.util.Optional.empty();
		}
		String prefix = matcher.group(1) != null ? matcher.group(1) : projectKey;
		return tickets.findByKey(prefix + "-" + matcher.group(2))
			.filter(ticket -> caller.canSeeTicketsOf(ticket.customerId()));
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
