package io.bugbridge.ticket;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** A status move the workflow does not allow, such as Closed to In Progress. */
public class IllegalStatusChangeException extends ErrorResponseException {

	public IllegalStatusChangeException(String key, Status from, Status to) {
		super(HttpStatus.CONFLICT);
		getBody().setTitle("Status change not allowed");
		getBody().setDetail("Ticket " + key + " cannot move from " + from + " to " + to + "; from " + from
				+ " it can move to " + from.nextStatuses() + ".");
		getBody().setProperty("current_status", from.label());
		getBody().setProperty("allowed_statuses", from.nextStatuses().stream().map(Status::label).toList());
		getBody().setProperty("errors", List.of(java.util.Map.of("field", "status", "message",
				"cannot move from " + from + " to " + to)));
	}

}
