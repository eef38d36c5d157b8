package io.bugbridge.fix;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** 409: Auto-Fix cannot run in this installation; the problem names what to set. */
public class AutoFixUnavailableException extends ErrorResponseException {

	public AutoFixUnavailableException(String field, AutoFixService.Availability availability) {
		super(HttpStatus.CONFLICT, problem(field, availability), null);
	}

	private static ProblemDetail problem(String field, AutoFixService.Availability availability) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, availability.reason());
		problem.setTitle("Auto-Fix is not available");
		problem.setProperty("missing", availability.missing());
		problem.setProperty("errors", List.of(Map.of("field", field, "message", availability.reason())));
		return problem;
	}

}
