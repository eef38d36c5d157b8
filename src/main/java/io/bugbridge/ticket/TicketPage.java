package io.bugbridge.ticket;

import java.util.List;

/**
 * One page of tickets, newest first.
 *
 * @param total how many tickets match the filters in all pages
 * @param nextCursor pass back to get the next page; null on the last page
 */
public record TicketPage(List<Ticket> tickets, long total, String nextCursor) {
}
