package io.bugbridge.ticket;

import java.time.Instant;

/**
 * A comment on a ticket. Internal comments are for staff only and never reach a customer.
 */
public record Comment(long id, long ticketId, String authorEmail, String authorName, Actor.Kind authorKind, String body,
		boolean internal, Instant created, Instant updated) {
}
