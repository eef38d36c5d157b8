package io.bugbridge.portal;

import java.util.List;

/**
 * @param total tickets matching the filters across all pages, counted up to 10,000
 * @param totalExact false when more than 10,000 match
 * @param nextCursor pass as {@code cursor} for the next page; absent on the last page
 */
record MyTicketsResponse(List<TicketListItem> tickets, long total, boolean totalExact, String nextCursor) {
}
