package io.bugbridge.portal;

import java.net.URI;
import java.util.function.Function;

import io.bugbridge.feedback.FeedbackService;
import io.bugbridge.security.Caller;
import io.bugbridge.ticket.Comment;
import io.bugbridge.ticket.NewComment;
import io.bugbridge.ticket.PublicAuthors;
import io.bugbridge.ticket.Status;
import io.bugbridge.ticket.Ticket;
import io.bugbridge.ticket.TicketNotFoundException;
import io.bugbridge.ticket.TicketListPage;
import io.bugbridge.ticket.TicketQuery;
import io.bugbridge.ticket.TicketService;
import io.bugbridge.ticket.TicketType;
import io.bugbridge.web.TicketLinks;
import io.bugbridge.tracker.TicketTracker;
import io.bugbridge.tracker.TrackerReceipt;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The customer API the client portal calls. Paths and JSON follow the product brief. */
@RestController
@RequestMapping(path = "/api/jira", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Customer tickets", description = "File tickets and follow them up")
class CustomerTicketController {

	private final TicketService tickets;

	private final TicketLinks links;

	private final FeedbackService feedback;

	private final TicketTracker tracker;

	private final PublicAuthors authors;

	CustomerTicketController(TicketService tickets, TicketLinks links, FeedbackService feedback, TicketTracker tracker,
			PublicAuthors authors) {
		this.authors = authors;
		this.tickets = tickets;
		this.links = links;
		this.feedback = feedback;
		this.tracker = tracker;
	}

	@Operation(summary = "Report a bug")
	@PostMapping(path = "/bug-report", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<TicketCreatedResponse> bugReport(@Valid @RequestBody BugReportRequest request, Caller caller) {
		return file(request, "reporter_email", caller);
	}

	@Operation(summary = "Request a feature")
	@PostMapping(path = "/feature-request", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<TicketCreatedResponse> featureRequest(@Valid @RequestBody FeatureRequestRequest request,
			Caller caller) {
		return file(request, "requester_email", caller);
	}

	@Operation(summary = "Ask for support")
	@PostMapping(path = "/support-ticket", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<TicketCreatedResponse> supportTicket(@Valid @RequestBody SupportTicketRequest request,
			Caller caller) {
		return file(request, "requester_email", caller);
	}

	@Operation(summary = "List the caller's tickets, newest first",
			description = "Customers see the tickets of the customer account in their token. The email and"
					+ " customer_id parameters narrow the list; they never widen it beyond the token.")
	@GetMapping("/my-tickets")
	MyTicketsResponse myTickets(Caller caller, @RequestParam(required = false) Status status,
			@RequestParam(required = false) TicketType type,
			@Parameter(description = "Alias of type") @RequestParam(name = "issue_type", required = false) TicketType issueType,
			@Parameter(description = "Words that must all appear in the summary or description") @RequestParam(
					required = false) @Size(max = 200) String q,
			@Parameter(description = "Only tickets filed by this e-mail address") @RequestParam(required = false) String email,
			@Parameter(description = "Only tickets of this customer account") @RequestParam(name = "customer_id",
					required = false) String customerId,
			@RequestParam(name = "max_results", defaultValue = "50") @Min(1) @Max(TicketQuery.MAX_PAGE_SIZE) int maxResults,
			@Parameter(description = "next_cursor of the previous page") @RequestParam(required = false) String cursor) {
		String scope = CustomerScope.visibleCustomerId(caller);
		String requestedCustomer = customerId == null || customerId.isBlank() ? null : customerId.trim();
		if (scope != null && requestedCustomer != null && !scope.equals(requestedCustomer)) {
			// Filters only narrow: another account's id matches none of the caller's tickets.
			return new MyTicketsResponse(java.util.List.of(), 0, true, null);
		}
		TicketQuery query = new TicketQuery(scope != null ? scope : requestedCustomer,
				CustomerScope.normaliseEmail(email), status, type != null ? type : issueType, q, maxResults,
				cursor == null || cursor.isBlank() ? null : cursor);
		TicketListPage page = tickets.list(query);
		Function<String, URI> urls = links.urlsForThisRequest();
		return new MyTicketsResponse(
				page.tickets().stream().map(t -> TicketListItem.of(t, urls.apply(t.key()))).toList(), page.total(),
				page.totalExact(), page.nextCursor());
	}

	@Operation(summary = "A ticket with its public comments")
	@GetMapping("/ticket/{key}")
	TicketView ticket(@PathVariable String key, Caller caller) {
		Ticket ticket = visibleTicket(key, caller);
		return TicketView.of(ticket, links.urlFor(ticket.key()), tickets.comments(ticket, false),
				feedback.ratingOf(ticket).map(RatingView::of).orElse(null), feedback.hasVoted(ticket, caller.subject()),
				caller.isAdmin() ? Comment::authorName : authors::nameOf);
	}

	@Operation(summary = "Reply on a ticket")
	@PostMapping(path = "/ticket/{key}/comment", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<CommentView> comment(@PathVariable String key, @Valid @RequestBody CommentRequest request,
			Caller caller) {
		Ticket ticket = visibleTicket(key, caller);
		Comment comment = tickets.addComment(ticket.key(), NewComment.publicComment(request.comment()),
				CustomerScope.actor(caller));
		return ResponseEntity.created(URI.create("/api/jira/ticket/" + ticket.key())).body(CommentView.of(comment,
				caller.isAdmin() ? Comment::authorName : authors::nameOf));
	}

	private ResponseEntity<TicketCreatedResponse> file(IntakeRequest request, String emailField, Caller caller) {
		String customerId = CustomerScope.customerIdForNewTicket(caller, request.customerId());
		String reporterEmail = CustomerScope.reporterEmailForNewTicket(caller, request.reporterEmail(), emailField);
		String reporterName = reporterEmail.equalsIgnoreCase(String.valueOf(caller.email())) ? caller.name() : null;
		Ticket ticket = tickets.create(request.toNewTicket(reporterEmail, reporterName, customerId),
				CustomerScope.actor(caller));
		// The ticket is committed; the tracker gets a bounded moment to give it its own key.
		TrackerReceipt receipt = tracker.confirmIntake(ticket);
		return ResponseEntity.created(URI.create("/api/jira/ticket/" + receipt.key()))
			.body(new TicketCreatedResponse(receipt.key(), ticket.summary(), ticket.status(), ticket.priority(),
					ticket.created(), links.urlFor(receipt.key()), receipt.sync()));
	}

	private Ticket visibleTicket(String key, Caller caller) {
		return tickets.findByKey(key)
			.filter(ticket -> CustomerScope.canSee(caller, ticket))
			.orElseThrow(() -> new TicketNotFoundException(key));
	}

}
