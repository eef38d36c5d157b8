package io.bugbridge.ticket;

import java.time.Instant;

/**
 * A relation from one ticket to another, e.g. {@code duplicate_of}.
 */
public record TicketLink(String kind, String fromKey, String toKey, String createdBy, Instant created) {

	public static final String DUPLICATE_OF = "duplicate_of";

}
