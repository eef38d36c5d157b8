package io.bugbridge.analysis.service;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** Too many analyses waiting: refuse rather than queue without bound. */
class AnalysisQueueFullException extends ErrorResponseException {

	AnalysisQueueFullException(int active) {
		super(HttpStatus.SERVICE_UNAVAILABLE);
		getBody().setTitle("Analysis queue is full");
		getBody().setDetail(active + " analyses are queued or running; try again in a minute.");
		getHeaders().set(HttpHeaders.RETRY_AFTER, "60");
	}

}
