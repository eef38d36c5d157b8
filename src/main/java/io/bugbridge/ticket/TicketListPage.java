package io.bugbridge.ticket;

import java.util.List;

/**
 * One page of {@link TicketListing}s, newest first; totals and cursor as in {@link TicketPage}.
 */
public record TicketListPage(List<TicketListing> tickets, long total, boolean totalExact, String nextCursor) {

}
