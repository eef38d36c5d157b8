package io.bugbridge.ticket;

import java.time.Instant;

/**
 * A ticket as a list shows it: the columns a list index covers, so a page of them is read from
 * the index alone, without visiting the (wide) ticket rows.
 */
public record TicketListing(long id, String key, TicketType type, String summary, Status status, Priority priority,
		String reporterEmail, Instant created, Instant updated) {

}
