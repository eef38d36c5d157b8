package io.bugbridge.ticket;

import java.util.List;

/**
 * One page of tickets, newest first.
 *
 * @param total how many tickets match the filters in all pages, counted up to {@link #COUNT_LIMIT}
 * @param totalExact false when more than {@link #COUNT_LIMIT} match and {@code total} is that limit
 * @param nextCursor pass back to get the next page; null on the last page
 */
public record TicketPage(List<Ticket> tickets, long total, boolean totalExact, String nextCursor) {

	public static final int COUNT_LIMIT = 10_000;

}
