package io.bugbridge.search;

import java.time.Instant;
import java.util.Set;

import io.bugbridge.ticket.Priority;
import io.bugbridge.ticket.Status;
import io.bugbridge.ticket.TicketType;

/**
 * Filters of the admin ticket list; empty sets and nulls mean "any". Filters combine with AND,
 * values within one filter with OR.
 *
 * @param assignee an e-mail address, or {@link #UNASSIGNED}
 * @param text words (and "quoted phrases") that must all appear in the summary, description or
 * comments; {@code -word} excludes
 * @param createdFrom inclusive; {@code createdTo} exclusive (likewise for updated)
 */
public record TicketSearchQuery(Set<TicketType> types, Set<Status> statuses, Set<Priority> priorities,
		String customerId, String assignee, String text, Instant createdFrom, Instant createdTo, Instant updatedFrom,
		Instant updatedTo, SearchSort.Order order, int maxResults, String cursor) {

	public static final String UNASSIGNED = "unassigned";

	public TicketSearchQuery {
		types = types == null ? Set.of() : Set.copyOf(types);
		statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
		priorities = priorities == null ? Set.of() : Set.copyOf(priorities);
		order = order == null ? SearchSort.Order.NEWEST_FIRST : order;
	}

}
