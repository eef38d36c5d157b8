/**
 * Tickets (bug reports, feature requests, support tickets), their comments and history: the local
 * copy every read is served from. {@link io.bugbridge.ticket.TicketService} is the module's API.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Tickets")
package io.bugbridge.ticket;
