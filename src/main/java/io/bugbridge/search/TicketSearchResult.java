package io.bugbridge.search;

import java.util.List;

/**
 * Ticket ids of one page, in order.
 *
 * @param total tickets matching in all pages, counted up to {@link TicketSearch#COUNT_LIMIT}
 * @param totalExact false when more match than were counted
 * @param nextCursor pass back for the next page; null on the last page
 */
public record TicketSearchResult(List<Long> ticketIds, long total, boolean totalExact, String nextCursor) {
}
