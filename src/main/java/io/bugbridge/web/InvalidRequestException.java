package io.bugbridge.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * A 400 naming the offending fields, for checks that bean validation cannot express (parameters
 * parsed by hand, PATCH bodies). Same shape as validation errors: {@code errors[{field, message}]}.
 */
public class InvalidRequestException extends ErrorResponseException {

	public InvalidRequestException(List<FieldProblem> problems) {
		super(HttpStatus.BAD_REQUEST);
		getBody().setTitle("Invalid request");
		getBody().setDetail("Invalid fields: "
				+ String.join(", ", problems.stream().map(FieldProblem::field).distinct().toList()) + ".");
		getBody().setProperty("errors", problems.stream().map(FieldProblem::toMap).toList());
	}

	public InvalidRequestException(String field, String message) {
		this(List.of(new FieldProblem(field, message)));
	}

	public record FieldProblem(String field, String message) {

		Map<String, String> toMap() {
			Map<String, String> map = new LinkedHashMap<>();
			map.put("field", field);
			map.put("message", message);
			return map;
		}

	}

}
