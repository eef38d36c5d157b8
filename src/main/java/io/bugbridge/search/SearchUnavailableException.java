package io.bugbridge.search;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** The index is being built (first start, or after a long outage); the client should retry shortly. */
public class SearchUnavailableException extends ErrorResponseException {

	SearchUnavailableException(long indexed) {
		super(HttpStatus.SERVICE_UNAVAILABLE);
		getBody().setTitle("Search index is being built");
		getBody().setDetail("The ticket search index is being built (" + indexed
				+ " tickets so far). Try again in a few seconds.");
		getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
	}

}
