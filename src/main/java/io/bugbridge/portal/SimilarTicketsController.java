package io.bugbridge.portal;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.bugbridge.search.SimilarTicket;
import io.bugbridge.search.TicketSearch;
import io.bugbridge.security.Caller;
import io.bugbridge.ticket.Status;
import io.bugbridge.ticket.Ticket;
import io.bugbridge.ticket.TicketService;
import io.bugbridge.web.TicketLinks;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Suggests existing open tickets while a customer types a new one, so they can follow an existing
 * ticket instead of filing a duplicate. Only tickets the caller may see are suggested.
 */
@RestController
@RequestMapping(path = "/api/jira", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Customer tickets")
class SimilarTicketsController {

	private static final List<Status> OPEN = List.of(Status.OPEN, Status.IN_PROGRESS, Status.WAITING_FOR_CUSTOMER);

	private final TicketSearch search;

	private final TicketService tickets;

	private final TicketLinks links;

	SimilarTicketsController(TicketSearch search, TicketService tickets, TicketLinks links) {
		this.search = search;
		this.tickets = tickets;
		this.links = links;
	}

	@Operation(summary = "Open tickets of the caller's account that resemble a text being typed",
			description = "Meant to be called as the customer types (debounced by the form); answers quickly and"
					+ " returns nothing while the text is too short to judge.")
	@GetMapping("/similar-tickets")
	Suggestions similar(Caller caller, @RequestParam(defaultValue = "") @Size(max = 2000) String q,
			@RequestParam(defaultValue = "5") @Min(1) @Max(10) int limit) {
		if (q.trim().length() < 4 || !search.isReady()) {
			return new Suggestions(List.of());
		}
		String scope = CustomerScope.visibleCustomerId(caller);
		List<SimilarTicket> similar = search.similarTo(q, scope, OPEN, null, limit);
		Map<Long, Ticket> found = new HashMap<>();
		tickets.findAllById(similar.stream().map(SimilarTicket::ticketId).toList()).forEach(t -> found.put(t.id(), t));
		return new Suggestions(similar.stream()
			.map(s -> found.get(s.ticketId()))
			.filter(t -> t != null && CustomerScope.canSee(caller, t))
			.map(t -> new Suggestion(t.key(), t.summary(), t.status().label(), links.urlFor(t.key()),
					similar.stream().filter(s -> s.ticketId() == t.id()).findFirst().orElseThrow().score()))
			.toList());
	}

	record Suggestions(List<Suggestion> suggestions) {
	}

	record Suggestion(String key, String summary, String status, URI url, double score) {
	}

}
