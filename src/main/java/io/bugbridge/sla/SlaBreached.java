package io.bugbridge.sla;

import java.time.Instant;

import io.bugbridge.ticket.Ticket;

/**
 * Published when a running clock passes its target, once per ticket and clock.
 *
 * @param clock {@code first_response} or {@code resolution}
 */
public record SlaBreached(Ticket ticket, String clock, Instant due) {
}
