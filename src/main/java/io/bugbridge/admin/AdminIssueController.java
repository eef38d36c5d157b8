package io.bugbridge.admin;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.bugbridge.feedback.FeedbackService;
import io.bugbridge.search.SearchSort;
import io.bugbridge.search.TicketSearch;
import io.bugbridge.search.TicketSearchQuery;
import io.bugbridge.search.TicketSearchResult;
import io.bugbridge.security.Caller;
import io.bugbridge.sla.SlaService;
import io.bugbridge.sla.SlaStatus;
import io.bugbridge.ticket.Actor;
import io.bugbridge.ticket.Comment;
import io.bugbridge.ticket.NewComment;
import io.bugbridge.ticket.Origin;
import io.bugbridge.ticket.Priority;
import io.bugbridge.ticket.Status;
import io.bugbridge.ticket.Ticket;
import io.bugbridge.ticket.TicketQuery;
import io.bugbridge.ticket.TicketService;
import io.bugbridge.ticket.TicketType;
import io.bugbridge.web.InvalidRequestException;
import io.bugbridge.web.TicketLinks;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** The admin console's ticket API: search, read everything, change, comment. Role admin only. */
@RestController
@RequestMapping(path = "/api/jira/admin/issues", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Admin: tickets", description = "Triage and manage every ticket (role admin)")
class AdminIssueController {

	private final TicketService tickets;

	private final TicketSearch search;

	private final SlaService sla;

	private final FeedbackService feedback;

	private final TicketLinks links;

	private final DuplicateMerge merge;

	private final io.bugbridge.analysis.BugAnalysisService analyses;

	AdminIssueController(TicketService tickets, TicketSearch search, SlaService sla, FeedbackService feedback,
			TicketLinks links, DuplicateMerge merge, io.bugbridge.analysis.BugAnalysisService analyses) {
		this.analyses = analyses;
		this.tickets = tickets;
		this.search = search;
		this.sla = sla;
		this.feedback = feedback;
		this.links = links;
		this.merge = merge;
	}

	@Operation(summary = "Search tickets",
			description = "Filters combine with AND; a filter given several comma-separated values matches any of them."
					+ " q searches summary, description and comments (all words must match; \"quoted phrase\", -exclude).")
	@GetMapping
	AdminIssueList search(@RequestParam(name = "issue_type", required = false) List<TicketType> issueTypes,
			@RequestParam(required = false) List<Status> status, @RequestParam(required = false) List<Priority> priority,
			@RequestParam(name = "customer_id", required = false) String customerId,
			@Parameter(description = "E-mail address, or 'unassigned'") @RequestParam(required = false) String assignee,
			@RequestParam(required = false) @Size(max = 500) String q,
			@Parameter(description = "ISO date or date-time, inclusive") @RequestParam(name = "created_from", required = false) String createdFrom,
			@Parameter(description = "ISO date or date-time, exclusive") @RequestParam(name = "created_to", required = false) String createdTo,
			@RequestParam(name = "updated_from", required = false) String updatedFrom,
			@RequestParam(name = "updated_to", required = false) String updatedTo,
			@Parameter(description = "created, updated, priority, votes or relevance; prefix - for descending. Default -created")
			@RequestParam(required = false) String sort,
			@RequestParam(name = "max_results", defaultValue = "50") @Min(1) @Max(TicketQuery.MAX_PAGE_SIZE) int maxResults,
			@RequestParam(required = false) String cursor) {
		SearchSort.Order order;
		try {
			order = SearchSort.Order.parse(sort);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRequestException("sort", ex.getMessage());
		}
		TicketSearchQuery query = new TicketSearchQuery(set(issueTypes), set(status), set(priority), blankToNull(customerId),
				blankToNull(assignee), blankToNull(q), instant("created_from", createdFrom, false),
				instant("created_to", createdTo, true), instant("updated_from", updatedFrom, false),
				instant("updated_to", updatedTo, true), order, maxResults, blankToNull(cursor));
		TicketSearchResult result = search.search(query);
		List<Ticket> page = tickets.findAllById(result.ticketIds());
		Map<Long, SlaStatus> slas = sla.statusOf(page);
		Function<String, URI> urls = links.urlsForThisRequest();
		List<AdminIssueRow> rows = page.stream()
			.map(t -> AdminIssueRow.of(t, slas.get(t.id()), urls.apply(t.key())))
			.toList();
		return new AdminIssueList(rows, result.total(), result.totalExact(), result.nextCursor(), maxResults,
				order.toString());
	}

	@Operation(summary = "A ticket with internal comments, history, SLA and rating")
	@GetMapping("/{key}")
	AdminIssueView issue(@PathVariable String key) {
		return view(tickets.get(key));
	}

	@Operation(summary = "Change status, assignee or priority",
			description = "A JSON merge patch: fields left out stay as they are; \"assignee_email\": null unassigns."
					+ " A status move the workflow does not allow answers 409 with the allowed statuses.")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(
			content = @Content(schema = @Schema(implementation = IssuePatch.Document.class)))
	@PatchMapping(path = "/{key}", consumes = { MediaType.APPLICATION_JSON_VALUE, "application/merge-patch+json" })
	AdminIssueView update(@PathVariable String key, @RequestBody JsonNode body, Caller caller) {
		Ticket ticket = tickets.get(key);
		Ticket updated = tickets.update(ticket.key(), IssuePatch.parse(body), staff(caller), Origin.LOCAL);
		return view(updated);
	}

	@Operation(summary = "Comment on a ticket; internal (staff only) unless internal is false")
	@PostMapping(path = "/{key}/comment", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<AdminIssueView.CommentView> comment(@PathVariable String key,
			@Valid @RequestBody AdminCommentRequest request, Caller caller) {
		Ticket ticket = tickets.get(key);
		Comment comment = tickets.addComment(ticket.key(), new NewComment(request.comment(), request.isInternal()),
				staff(caller));
		return ResponseEntity.created(URI.create("/api/jira/admin/issues/" + ticket.key()))
			.body(AdminIssueView.CommentView.of(comment));
	}

	@Operation(summary = "Tickets that say much the same as this one, with similarity scores")
	@GetMapping("/{key}/similar")
	List<SimilarTicketView> similar(@PathVariable String key,
			@RequestParam(defaultValue = "5") @Min(1) @Max(50) int limit) {
		return similarTo(tickets.get(key), limit);
	}

	@Operation(summary = "Merge this ticket into the one it duplicates",
			description = "Links the two, tells this ticket's reporter (without naming the other customer's ticket),"
					+ " closes this ticket and moves its votes to the other.")
	@PostMapping(path = "/{key}/merge", consumes = MediaType.APPLICATION_JSON_VALUE)
	AdminIssueView merge(@PathVariable String key, @Valid @RequestBody MergeRequest request, Caller caller) {
		return view(merge.merge(key, request.into(), staff(caller)));
	}

	private List<SimilarTicketView> similarTo(Ticket ticket, int limit) {
		if (!search.isReady()) {
			return List.of();
		}
		var similar = search.similarTo(TicketSearch.reportText(ticket), null, List.of(), ticket.id(), limit);
		Map<Long, Ticket> found = new java.util.HashMap<>();
		tickets.findAllById(similar.stream().map(s -> s.ticketId()).toList()).forEach(t -> found.put(t.id(), t));
		return similar.stream()
			.filter(s -> found.containsKey(s.ticketId()))
			.map(s -> SimilarTicketView.of(found.get(s.ticketId()), s))
			.toList();
	}

	private AdminIssueView view(Ticket ticket) {
		return AdminIssueView.of(ticket, links.urlFor(ticket.key()), sla.statusOf(ticket),
				feedback.ratingOf(ticket).orElse(null), tickets.comments(ticket, true), tickets.history(ticket),
				similarTo(ticket, 3), tickets.links(ticket),
				analyses.history(ticket.key()).stream().map(AnalysisView::of).toList());
	}

	static Actor staff(Caller caller) {
		return new Actor(caller.subject(), caller.email(), caller.name(), Actor.Kind.STAFF);
	}

	private static <T> java.util.Set<T> set(List<T> values) {
		return values == null ? java.util.Set.of() : new HashSet<>(values.stream().filter(java.util.Objects::nonNull).toList());
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.trim();
	}

	/** An ISO date (a whole day: start inclusive, end exclusive of the next day) or an ISO date-time. */
	static Instant instant(String parameter, String value, boolean end) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String text = value.trim();
		try {
			if (text.length() == 10) {
				LocalDate day = LocalDate.parse(text);
				return (end ? day.plusDays(1) : day).atStartOfDay().toInstant(ZoneOffset.UTC);
			}
			return OffsetDateTime.parse(text).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw new InvalidRequestException(parameter,
					"'" + value + "' is not an ISO date (2026-01-31) or date-time (2026-01-31T09:00:00Z)");
		}
	}

}
