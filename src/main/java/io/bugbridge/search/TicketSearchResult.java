package io.bugbridge.search;

import java.util.List;

/**
 * Ticket ids of one page, in order.
 *
 * @param total tickets matching in all pages
 * @param nextCursor pass back for the next page; null on the last page
 */
public record TicketSearchResult(List<Long> ticketIds, long total, String nextCursor) {
}
