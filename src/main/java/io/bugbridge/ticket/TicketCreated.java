package io.bugbridge.ticket;

/**
 * Published once a new ticket is committed. Listeners (tracker sync, analysis, notifications) get
 * the whole ticket so they need not read it back.
 */
public record TicketCreated(Ticket ticket, Origin origin) {
}
