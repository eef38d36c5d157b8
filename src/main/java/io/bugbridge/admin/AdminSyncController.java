package io.bugbridge.admin;

import java.time.Instant;
import java.util.List;

import io.bugbridge.security.Caller;
import io.bugbridge.ticket.Ticket;
import io.bugbridge.ticket.TicketService;
import io.bugbridge.tracker.SyncRetry;
import io.bugbridge.tracker.SyncStates;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A ticket's Jira sync state, and the admin's retry of a delivery Jira refused or keeps failing. */
@RestController
@RequestMapping(path = "/api/jira/admin/issues/{key}/sync", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Admin: tickets")
class AdminSyncController {

	private final TicketService tickets;

	private final ObjectProvider<SyncStates> states;

	private final ObjectProvider<SyncRetry> retries;

	AdminSyncController(TicketService tickets, ObjectProvider<SyncStates> states, ObjectProvider<SyncRetry> retries) {
		this.tickets = tickets;
		this.states = states;
		this.retries = retries;
	}

	@Operation(summary = "How far the ticket is in Jira",
			description = "state: synced, pending, retrying, failed (refused by Jira) or not_linked; none without Jira.")
	@GetMapping
	SyncView state(@PathVariable String key) {
		return view(tickets.get(key));
	}

	@Operation(summary = "Send the ticket's refused or backed-off changes to Jira again",
			description = "Puts refused changes back in the ticket's queue in their original order and ends any backoff;"
					+ " delivery is asynchronous (202, then poll GET .../sync). Exactly once: a create whose outcome is"
					+ " unknown is looked up, not repeated. 409 when there is nothing to retry.")
	@PostMapping("/retry")
	ResponseEntity<RetryView> retry(@PathVariable String key, Caller caller) {
		Ticket ticket = tickets.get(key);
		SyncRetry retry = retries.getIfAvailable();
		if (retry == null) {
			throw conflict("Jira is not configured: tickets stay in BugBridge and there is nothing to retry.");
		}
		SyncRetry.Retried retried = retry.retry(ticket.id(), AdminIssueController.staff(caller));
		if (retried.nothing()) {
			throw conflict("Nothing to retry for " + ticket.key() + ": no change was refused by Jira or is waiting"
					+ " to be retried (state: " + view(ticket).label() + ").");
		}
		return ResponseEntity.accepted()
			.body(new RetryView(ticket.key(), retried.refused(), retried.waiting(), retried.created(),
					retried.describe(), view(ticket)));
	}

	private SyncView view(Ticket ticket) {
		SyncStates sync = states.getIfAvailable();
		if (sync == null) {
			return new SyncView("none", "Jira is not configured", null, null, null);
		}
		SyncStates.SyncState state = sync.of(List.of(ticket.id())).get(ticket.id());
		return new SyncView(state.state().name().toLowerCase(java.util.Locale.ROOT), state.state().label(),
				state.issueKey(), state.since(), state.error());
	}

	private static ErrorResponseException conflict(String detail) {
		return new ErrorResponseException(HttpStatus.CONFLICT, ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, detail),
				null);
	}

	/**
	 * @param since synced: last delivery; pending or retrying: the oldest waiting change; failed: the refusal
	 * @param error Jira's last answer, when it failed; when synced, a second Jira issue that could not be deleted
	 */
	record SyncView(String state, String label, String issueKey, Instant since, String error) {
	}

	/** What the retry did; {@code sync} is the state right after it (the delivery itself follows). */
	record RetryView(String key, int refused, int waiting, boolean created, String detail, SyncView sync) {
	}

}
