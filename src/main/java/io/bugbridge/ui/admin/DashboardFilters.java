package io.bugbridge.ui.admin;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.bugbridge.search.SearchSort;
import io.bugbridge.search.TicketSearchQuery;
import io.bugbridge.ticket.Labels;
import io.bugbridge.ticket.Priority;
import io.bugbridge.ticket.Status;
import io.bugbridge.ticket.TicketType;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The dashboard's filters as they appear in its URL ({@code /admin?type=Bug&status=unresolved}), so
 * a filtered view can be bookmarked, shared and reloaded. Values nobody offers are ignored rather
 * than refused: they come from edited URLs, not from the form.
 *
 * @param status a status label, or {@link #UNRESOLVED} for every status but Resolved and Closed
 */
record DashboardFilters(String type, String status, String priority, String customer, String q, String sort,
		String cursor, String sync, String replied) {

	static final String UNRESOLVED = "unresolved";

	/** {@code sync=problems}: tickets not (fully) in Jira. */
	static final String SYNC_PROBLEMS = "problems";

	/** {@code replied=yes}: tickets whose customer replied and staff have not answered yet. */
	static final String REPLIED = "yes";

	DashboardFilters(String type, String status, String priority, String customer, String q, String sort,
			String cursor) {
		this(type, status, priority, customer, q, sort, cursor, null, null);
	}

	static final int PAGE_SIZE = 25;

	static final int MAX_QUERY = 500;

	DashboardFilters {
		type = label(TicketType.class, type);
		status = UNRESOLVED.equalsIgnoreCase(trim(status)) ? UNRESOLVED : label(Status.class, status);
		priority = label(Priority.class, priority);
		customer = trim(customer);
		q = trim(q);
		if (q != null && q.length() > MAX_QUERY) {
			q = q.substring(0, MAX_QUERY);
		}
		sort = sortOrder(sort, q).toString();
		cursor = trim(cursor);
		sync = SYNC_PROBLEMS.equalsIgnoreCase(trim(sync)) ? SYNC_PROBLEMS : null;
		replied = replied != null && List.of("yes", "true", "on", "1").contains(replied.strip().toLowerCase(Locale.ROOT))
				? REPLIED : null;
	}

	/** For lists not served by the search index: whether a ticket passes the type, status, priority and customer filters. */
	boolean matches(io.bugbridge.ticket.Ticket ticket) {
		TicketSearchQuery query = toQuery();
		return (query.types().isEmpty() || query.types().contains(ticket.type()))
				&& (query.statuses().isEmpty() || query.statuses().contains(ticket.status()))
				&& (query.priorities().isEmpty() || query.priorities().contains(ticket.priority()))
				&& (customer == null || customer.equals(ticket.customerId()));
	}

	TicketSearchQuery toQuery() {
		Set<TicketType> types = type == null ? Set.of() : Set.of(Labels.parse(TicketType.class, type));
		Set<Status> statuses = status == null ? Set.of()
				: UNRESOLVED.equals(status) ? EnumSet.of(Status.OPEN, Status.IN_PROGRESS, Status.WAITING_FOR_CUSTOMER)
						: Set.of(Labels.parse(Status.class, status));
		Set<Priority> priorities = priority == null ? Set.of() : Set.of(Labels.parse(Priority.class, priority));
		return new TicketSearchQuery(types, statuses, priorities, customer, null, q, null, null, null, null,
				SearchSort.Order.parse(sort), PAGE_SIZE, cursor);
	}

	public boolean any() {
		return type != null || status != null || priority != null || customer != null || q != null || sync != null
				|| replied != null;
	}

	DashboardFilters firstPage() {
		return new DashboardFilters(type, status, priority, customer, q, sort, null, sync, replied);
	}

	DashboardFilters next(String nextCursor) {
		return new DashboardFilters(type, status, priority, customer, q, sort, nextCursor, sync, replied);
	}

	/** This view's address, for links, the browser history and the list's own refresh. */
	public String url() {
		UriComponentsBuilder url = UriComponentsBuilder.fromPath("/admin");
		add(url, "type", type);
		add(url, "status", status);
		add(url, "priority", priority);
		add(url, "customer", customer);
		add(url, "q", q);
		add(url, "sync", sync);
		add(url, "replied", replied);
		if (!SearchSort.Order.NEWEST_FIRST.toString().equals(sort) && !"relevance".equals(sort)) {
			add(url, "sort", sort);
		}
		add(url, "cursor", cursor);
		return url.encode().build().toUriString();
	}

	/** Newest first, unless asked otherwise; best match first when searching text without an order. */
	private static SearchSort.Order sortOrder(String sort, String q) {
		try {
			if (sort == null || sort.isBlank()) {
				return q != null ? SearchSort.Order.parse("relevance") : SearchSort.Order.NEWEST_FIRST;
			}
			SearchSort.Order order = SearchSort.Order.parse(sort);
			return order.sort() == SearchSort.RELEVANCE && q == null ? SearchSort.Order.NEWEST_FIRST : order;
		}
		catch (IllegalArgumentException ex) {
			return SearchSort.Order.NEWEST_FIRST;
		}
	}

	private static <E extends Enum<E>> String label(Class<E> type, String value) {
		if (trim(value) == null) {
			return null;
		}
		try {
			return Labels.parse(type, value).toString();
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static void add(UriComponentsBuilder url, String name, String value) {
		if (value != null) {
			url.queryParam(name, value);
		}
	}

	private static String trim(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

}
