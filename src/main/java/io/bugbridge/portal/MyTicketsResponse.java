package io.bugbridge.portal;

import java.util.List;

/**
 * @param total tickets matching the filters across all pages
 * @param nextCursor pass as {@code cursor} for the next page; absent on the last page
 */
record MyTicketsResponse(List<TicketListItem> tickets, long total, String nextCursor) {
}
