package io.bugbridge.ticket;

/**
 * A new bug of priority High or Critical, wherever it was filed (the portal or the tracker).
 * Published in the transaction that stores it, after {@link TicketCreated}; bug analysis starts
 * from it. The key may be provisional: it keeps resolving after the ticket is re-keyed.
 */
public record UrgentBugFiled(Ticket ticket, Origin origin) {
}
