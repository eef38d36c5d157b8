package io.bugbridge.ticket;

import java.time.Instant;

/**
 * An entry of the change feed: ticket {@code ticketId} was written ({@code created},
 * {@code updated}, {@code commented}, ...) in the transaction that appended {@code seq}.
 */
public record TicketChange(long seq, long ticketId, String kind, Instant changedAt) {

	/** The sequence numbers still in the feed; both 0 when it is empty. */
	public record Range(long oldest, long latest) {
	}

}
