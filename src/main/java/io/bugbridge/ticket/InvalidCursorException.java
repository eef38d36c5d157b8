package io.bugbridge.ticket;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** A page cursor that this service did not hand out. */
public class InvalidCursorException extends ErrorResponseException {

	public InvalidCursorException(String parameter) {
		super(HttpStatus.BAD_REQUEST);
		getBody().setTitle("Invalid request");
		getBody().setDetail("'" + parameter + "' is not a cursor returned by a previous page; start again without it.");
		getBody().setProperty("errors", List.of(Map.of("field", parameter, "message", "is not a valid cursor")));
	}

}
