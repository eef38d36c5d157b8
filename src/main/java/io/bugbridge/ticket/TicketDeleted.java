package io.bugbridge.ticket;

/** Published once a ticket has been marked deleted (its tracker issue was deleted). */
public record TicketDeleted(Ticket ticket, Actor actor, Origin origin) {
}
