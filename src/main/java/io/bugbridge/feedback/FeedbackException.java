package io.bugbridge.feedback;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** Feedback the ticket's state does not allow: rating twice or too early, voting on a bug. */
public class FeedbackException extends ErrorResponseException {

	FeedbackException(String title, String detail, String field) {
		super(HttpStatus.CONFLICT);
		getBody().setTitle(title);
		getBody().setDetail(detail);
		if (field != null) {
			getBody().setProperty("errors", List.of(Map.of("field", field, "message", detail)));
		}
	}

}
