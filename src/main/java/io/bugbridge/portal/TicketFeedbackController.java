package io.bugbridge.portal;

import java.net.URI;

import io.bugbridge.feedback.FeedbackService;
import io.bugbridge.feedback.Rating;
import io.bugbridge.feedback.VoteResult;
import io.bugbridge.security.Caller;
import io.bugbridge.ticket.Ticket;
import io.bugbridge.ticket.TicketNotFoundException;
import io.bugbridge.ticket.TicketService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Customers rate resolved tickets and vote on feature requests. */
@RestController
@RequestMapping(path = "/api/jira/ticket/{key}", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Customer tickets")
class TicketFeedbackController {

	private final TicketService tickets;

	private final FeedbackService feedback;

	TicketFeedbackController(TicketService tickets, FeedbackService feedback) {
		this.tickets = tickets;
		this.feedback = feedback;
	}

	@Operation(summary = "Rate a resolved or closed ticket, once (1–5)")
	@PostMapping(path = "/rating", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<RatingView> rate(@PathVariable String key, @Valid @RequestBody RatingRequest request, Caller caller) {
		requireCustomer(caller, "rate");
		Ticket ticket = visibleTicket(key, caller);
		Rating rating = feedback.rate(ticket, request.score(), request.comment(),
				caller.email() != null ? caller.email() : caller.subject());
		return ResponseEntity.created(URI.create("/api/jira/ticket/" + ticket.key())).body(RatingView.of(rating));
	}

	@Operation(summary = "Vote for a feature request (one vote per user; repeating is harmless)")
	@PostMapping("/vote")
	ResponseEntity<VoteView> vote(@PathVariable String key, Caller caller) {
		requireCustomer(caller, "vote");
		VoteResult result = feedback.vote(visibleTicket(key, caller), caller.subject(), caller.email());
		return ResponseEntity.status(result.changed() ? HttpStatus.CREATED : HttpStatus.OK).body(VoteView.of(result));
	}

	@Operation(summary = "Take back a vote")
	@DeleteMapping("/vote")
	VoteView unvote(@PathVariable String key, Caller caller) {
		requireCustomer(caller, "vote");
		return VoteView.of(feedback.unvote(visibleTicket(key, caller), caller.subject()));
	}

	private Ticket visibleTicket(String key, Caller caller) {
		return tickets.findByKey(key)
			.filter(ticket -> CustomerScope.canSee(caller, ticket))
			.orElseThrow(() -> new TicketNotFoundException(key));
	}

	/** Ratings and votes measure customers; staff feedback would skew CSAT and demand. */
	private static void requireCustomer(Caller caller, String action) {
		if (!caller.roles().contains(io.bugbridge.security.Role.CUSTOMER)) {
			throw new ErrorResponseException(HttpStatus.FORBIDDEN, org.springframework.http.ProblemDetail
				.forStatusAndDetail(HttpStatus.FORBIDDEN, "Only customers " + action + " on tickets."), null);
		}
	}

}
