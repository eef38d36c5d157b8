package io.bugbridge.search;

import java.util.Set;

/**
 * Published on each node after its index applied a batch of committed changes, whichever node made
 * them: the signal for live views (dashboard statistics, open ticket pages) to refresh. Listeners
 * run on the index thread and must return quickly.
 */
public record TicketsChanged(Set<Long> ticketIds) {
}
