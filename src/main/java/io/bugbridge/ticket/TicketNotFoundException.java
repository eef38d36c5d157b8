package io.bugbridge.ticket;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * No ticket with that key, or one the caller may not see: both answer 404 so that keys of other
 * customers cannot be probed.
 */
public class TicketNotFoundException extends ErrorResponseException {

	public TicketNotFoundException(String key) {
		super(HttpStatus.NOT_FOUND);
		getBody().setTitle("Ticket not found");
		getBody().setDetail("No ticket " + key + " that you can see.");
		getBody().setProperty("key", key);
	}

}
