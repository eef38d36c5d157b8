package io.bugbridge.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.bugbridge.ticket.Labels;
import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.convert.ConversionFailedException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.ValueInstantiationException;

/**
 * Turns every error into an RFC 9457 problem document. Client mistakes name the offending field in
 * {@code errors[].field} using the JSON name the client sent; server faults get an id to quote to
 * support and never leak internals.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

	private static final SnakeCase SNAKE_CASE = new SnakeCase();

	static final int RETRY_AFTER_SECONDS = 10;

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldProblem> errors = new ArrayList<>();
		for (FieldError error : ex.getBindingResult().getFieldErrors()) {
			errors.add(new FieldProblem(SNAKE_CASE.translate(error.getField()), error.getDefaultMessage()));
		}
		ex.getBindingResult()
			.getGlobalErrors()
			.forEach(error -> errors.add(new FieldProblem(error.getObjectName(), error.getDefaultMessage())));
		return validationProblem(errors, request);
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldProblem> errors = new ArrayList<>();
		for (ParameterValidationResult result : ex.getParameterValidationResults()) {
			String name = parameterName(result);
			for (MessageSourceResolvable error : result.getResolvableErrors()) {
				errors.add(new FieldProblem(name, error.getDefaultMessage()));
			}
		}
		return validationProblem(errors, request);
	}

	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String name = ex instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName()
				: ex.getPropertyName();
		String message = "has an invalid value '" + ex.getValue() + "'";
		Class<?> required = ex.getRequiredType();
		if (required != null && required.isEnum()) {
			message = "'" + ex.getValue() + "' is not one of " + allowedValues(required);
		}
		else if (ex.getCause() instanceof ConversionFailedException failed && failed.getCause() != null) {
			message = failed.getCause().getMessage();
		}
		return validationProblem(List.of(new FieldProblem(name, message)), request);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		if (RequestBodyLimitFilter.isTooLarge(ex)) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
					"The request body is larger than " + RequestBodyLimitFilter.LIMIT_DESCRIPTION + ".");
			return handleExceptionInternal(ex, problem, headers, HttpStatus.CONTENT_TOO_LARGE, request);
		}
		JacksonException binding = outermost(ex, DatabindException.class);
		if (binding != null && !binding.getPath().isEmpty()) {
			return validationProblem(List.of(new FieldProblem(jsonPath(binding), describe(binding))), request);
		}
		Throwable cause = outermost(ex, StreamReadException.class);
		String detail = "The request body is not valid JSON";
		if (cause instanceof JacksonException jackson && jackson.getLocation() != null) {
			detail += " (line " + jackson.getLocation().getLineNr() + ", column " + jackson.getLocation().getColumnNr()
					+ ")";
		}
		else if (ex.getCause() == null) {
			detail = "The request body is missing";
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail + ".");
		problem.setTitle("Malformed request body");
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	@ExceptionHandler(ConstraintViolationException.class)
	ResponseEntity<Object> handleConstraintViolation(ConstraintViolationException ex, WebRequest request) {
		List<FieldProblem> errors = ex.getConstraintViolations()
			.stream()
			.map(violation -> new FieldProblem(lastNode(violation.getPropertyPath().toString()), violation.getMessage()))
			.toList();
		return validationProblem(errors, request);
	}

	/**
	 * The database is unreachable, its pool exhausted, or a statement hit a transient failure: 503
	 * with Retry-After, after at most the pool's connection timeout (docs/operations.md), instead of
	 * a 500 after 30 s. One short line in the log, no stack trace: the pool logs the cause.
	 */
	@ExceptionHandler({ DataAccessResourceFailureException.class, TransientDataAccessException.class,
			CannotCreateTransactionException.class })
	ResponseEntity<Object> handleDatabaseUnavailable(Exception ex, WebRequest request) {
		log.warn("Database unavailable on {}: {}", describe(request), ex.getClass().getSimpleName());
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"The service cannot reach its database right now. Nothing was changed; try again in "
						+ RETRY_AFTER_SECONDS + " seconds.");
		problem.setTitle("Service unavailable");
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS));
		return handleExceptionInternal(ex, problem, headers, HttpStatus.SERVICE_UNAVAILABLE, request);
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> handleUnexpected(Exception ex, WebRequest request) throws Exception {
		if (ex instanceof org.springframework.security.core.AuthenticationException
				|| ex instanceof org.springframework.security.access.AccessDeniedException) {
			// Let Spring Security's entry point answer 401/403.
			throw ex;
		}
		String errorId = UUID.randomUUID().toString();
		log.error("Unexpected error {} on {}", errorId, describe(request), ex);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"Something went wrong on our side. Quote error id " + errorId + " when you contact support.");
		problem.setProperty("error_id", errorId);
		return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
	}

	private ResponseEntity<Object> validationProblem(List<FieldProblem> errors, WebRequest request) {
		ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
		problem.setTitle("Invalid request");
		problem.setDetail(errors.isEmpty() ? "The request is invalid."
				: "Invalid fields: " + String.join(", ", errors.stream().map(FieldProblem::field).distinct().toList())
						+ ".");
		List<Map<String, String>> list = errors.stream().map(FieldProblem::toMap).toList();
		problem.setProperty("errors", list);
		return handleExceptionInternal(new IllegalArgumentException(problem.getDetail()), problem, new HttpHeaders(),
				HttpStatus.BAD_REQUEST, request);
	}

	private static JacksonException outermost(Throwable error, Class<? extends JacksonException> type) {
		for (Throwable t = error; t != null; t = t.getCause()) {
			if (type.isInstance(t)) {
				return (JacksonException) t;
			}
		}
		return null;
	}

	private static String parameterName(ParameterValidationResult result) {
		var requestParam = result.getMethodParameter()
			.getParameterAnnotation(org.springframework.web.bind.annotation.RequestParam.class);
		if (requestParam != null && !requestParam.name().isEmpty()) {
			return requestParam.name();
		}
		String name = result.getMethodParameter().getParameterName();
		return name == null ? "parameter" : SNAKE_CASE.translate(name);
	}

	private static String jsonPath(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				if (!path.isEmpty()) {
					path.append('.');
				}
				path.append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

	private static String describe(JacksonException ex) {
		Class<?> target = ex instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
		if (target != null && target.isEnum()) {
			Object value = ex instanceof InvalidFormatException invalid ? invalid.getValue() : null;
			return (value == null ? "value" : "'" + value + "'") + " is not one of " + allowedValues(target);
		}
		if (ex instanceof ValueInstantiationException && ex.getCause() != null) {
			return ex.getCause().getMessage();
		}
		if (target != null) {
			return "must be a " + friendlyTypeName(target);
		}
		return "has an invalid value";
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static List<String> allowedValues(Class<?> enumType) {
		return Labels.allowed((Class) enumType);
	}

	private static String friendlyTypeName(Class<?> type) {
		if (type == String.class) {
			return "string";
		}
		if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
			return "number";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "boolean (true or false)";
		}
		if (List.class.isAssignableFrom(type) || type.isArray()) {
			return "JSON array";
		}
		return "JSON object";
	}

	static String lastNode(String path) {
		int dot = path.lastIndexOf('.');
		return SNAKE_CASE.translate(dot < 0 ? path : path.substring(dot + 1));
	}

	private static String describe(WebRequest request) {
		return request instanceof ServletWebRequest servlet
				? servlet.getRequest().getMethod() + " " + servlet.getRequest().getRequestURI()
				: request.getDescription(false);
	}

	/** Java property names to the JSON names clients send, matching spring.jackson.property-naming-strategy. */
	static final class SnakeCase extends PropertyNamingStrategies.SnakeCaseStrategy {

		@Override
		public String translate(String input) {
			return super.translate(input);
		}

	}

	record FieldProblem(String field, String message) {

		Map<String, String> toMap() {
			Map<String, String> map = new LinkedHashMap<>();
			map.put("field", field);
			map.put("message", message);
			return map;
		}

	}

}
