package io.bugbridge.ui.customer;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import io.bugbridge.security.Caller;
import io.bugbridge.ticket.InvalidCursorException;
import io.bugbridge.ticket.Labels;
import io.bugbridge.ticket.Status;
import io.bugbridge.ticket.Ticket;
import io.bugbridge.ticket.TicketPage;
import io.bugbridge.ticket.TicketQuery;
import io.bugbridge.ticket.TicketService;
import io.bugbridge.ticket.TicketType;
import io.bugbridge.tracker.TicketTracker;
import io.bugbridge.ui.TicketAccess;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * "My Tickets": the tickets of the customer's account (colleagues share them), newest first, with
 * status and type filters and a search over summary and description. Filters live in the URL.
 */
@Controller
class MyTicketsController {

	static final int PAGE_SIZE = 25;

	static final int MAX_QUERY = 200;

	private final TicketService tickets;

	private final TicketTracker tracker;

	private final TicketAccess access;

	MyTicketsController(TicketService tickets, TicketTracker tracker, TicketAccess access) {
		this.tickets = tickets;
		this.tracker = tracker;
		this.access = access;
	}

	@GetMapping("/tickets")
	String list(@RequestParam(required = false) String status, @RequestParam(required = false) String type,
			@RequestParam(required = false) String q, @RequestParam(required = false) String mine,
			@RequestParam(required = false) String cursor, Caller caller, Model model) {
		Status wantedStatus = parse(Status.class, status);
		TicketType wantedType = parse(TicketType.class, type);
		String text = q == null || q.isBlank() ? null : q.strip();
		if (text != null && text.length() > MAX_QUERY) {
			text = text.substring(0, MAX_QUERY);
		}
		boolean onlyMine = "1".equals(mine) || "true".equals(mine);
		TicketPage page;
		try {
			page = search(caller, wantedStatus, wantedType, text, onlyMine, cursor);
		}
		catch (InvalidCursorException ex) {
			page = search(caller, wantedStatus, wantedType, text, onlyMine, null);
		}
		// A ticket number finds that ticket (text search alone never matches keys), first on the first page.
		java.util.Optional<Ticket> numbered = cursor == null || cursor.isBlank() ? access.byNumber(text, caller)
				: java.util.Optional.empty();
		if (numbered.isPresent()) {
			Ticket found = numbered.get();
			java.util.List<Ticket> rows = new java.util.ArrayList<>();
			rows.add(found);
			page.tickets().stream().filter(t -> t.id() != found.id()).forEach(rows::add);
			boolean counted = page.tickets().stream().anyMatch(t -> t.id() == found.id());
			page = new TicketPage(rows, page.total() + (counted ? 0 : 1), page.totalExact(), page.nextCursor());
		}
		model.addAttribute("numbered", numbered.orElse(null));
		Map<String, URI> trackerUrls = new LinkedHashMap<>();
		for (Ticket ticket : page.tickets()) {
			tracker.browseUrl(ticket.key()).ifPresent(url -> trackerUrls.put(ticket.key(), url));
		}
		model.addAttribute("page", page);
		model.addAttribute("trackerUrls", trackerUrls);
		model.addAttribute("status", wantedStatus);
		model.addAttribute("type", wantedType);
		model.addAttribute("q", text);
		model.addAttribute("mine", onlyMine);
		model.addAttribute("firstUrl", cursor == null || cursor.isBlank() ? null
				: url(wantedStatus, wantedType, text, onlyMine, null));
		model.addAttribute("nextUrl", page.nextCursor() == null ? null
				: url(wantedStatus, wantedType, text, onlyMine, page.nextCursor()));
		model.addAttribute("statuses", Status.values());
		model.addAttribute("types", TicketType.values());
		return "ui/tickets/list";
	}

	private TicketPage search(Caller caller, Status status, TicketType type, String text, boolean onlyMine,
			String cursor) {
		return tickets.search(new TicketQuery(TicketAccess.scope(caller), onlyMine ? caller.email() : null, status,
				type, text, PAGE_SIZE, cursor == null || cursor.isBlank() ? null : cursor));
	}

	/** This list's address with its filters, for the pager. */
	static String url(Status status, TicketType type, String text, boolean onlyMine, String cursor) {
		UriComponentsBuilder url = UriComponentsBuilder.fromPath("/tickets");
		if (text != null) {
			url.queryParam("q", text);
		}
		if (status != null) {
			url.queryParam("status", status.label());
		}
		if (type != null) {
			url.queryParam("type", type.label());
		}
		if (onlyMine) {
			url.queryParam("mine", "1");
		}
		if (cursor != null) {
			url.queryParam("cursor", cursor);
		}
		return url.encode().build().toUriString();
	}

	/** Lenient: a filter value nobody offers (an edited URL) means "any". */
	static <E extends Enum<E>> E parse(Class<E> type, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Labels.parse(type, value);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
