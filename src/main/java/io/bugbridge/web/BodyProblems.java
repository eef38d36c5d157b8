package io.bugbridge.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;

import io.bugbridge.ticket.Labels;
import io.bugbridge.web.InvalidRequestException.FieldProblem;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.AbstractJacksonHttpMessageConverter;
import org.springframework.web.ErrorResponseException;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.deser.DeserializationProblemHandler;

/**
 * Reports every bad field of a request body at once. Jackson stops at the first value it cannot
 * convert (an unknown priority), so bean validation would never see the body and a client fixing
 * its request would meet its mistakes one at a time. While a controller's body is read, values
 * that name no constant of an enum are noted and left empty instead; once read, the body is
 * validated and the noted values and the validation errors are answered together as one 400.
 */
@ControllerAdvice
class BodyProblems extends RequestBodyAdviceAdapter {

	private static final String ATTRIBUTE = BodyProblems.class.getName();

	private static final JsonMapper PLAIN_JSON = JsonMapper.builder().build();

	private final Validator validator;

	BodyProblems(Validator validator) {
		this.validator = validator;
	}

	@Override
	public boolean supports(MethodParameter parameter, Type targetType,
			Class<? extends HttpMessageConverter<?>> converterType) {
		return true;
	}

	@Override
	public HttpInputMessage beforeBodyRead(HttpInputMessage input, MethodParameter parameter, Type targetType,
			Class<? extends HttpMessageConverter<?>> converterType) throws IOException {
		if (AbstractJacksonHttpMessageConverter.class.isAssignableFrom(converterType)) {
			input = checkedText(input);
		}
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		if (request != null) {
			request.setAttribute(ATTRIBUTE, new ArrayList<FieldProblem>(), RequestAttributes.SCOPE_REQUEST);
		}
		return input;
	}

	@Override
	public Object afterBodyRead(Object body, HttpInputMessage input, MethodParameter parameter, Type targetType,
			Class<? extends HttpMessageConverter<?>> converterType) {
		List<FieldProblem> problems = stopCollecting();
		if (problems == null || problems.isEmpty()) {
			return body;
		}
		List<FieldProblem> all = new ArrayList<>();
		for (ConstraintViolation<Object> violation : validator.validate(body)) {
			String field = ApiExceptionHandler.lastNode(violation.getPropertyPath().toString());
			if (problems.stream().noneMatch(problem -> problem.field().equals(field))) {
				all.add(new FieldProblem(field, violation.getMessage()));
			}
		}
		all.addAll(problems);
		throw new InvalidRequestException(all);
	}

	/**
	 * Reads a JSON body (at most 1 MiB, see {@link RequestBodyLimitFilter}) and refuses it when it is
	 * not UTF-8, overlong forms such as {@code C0 AF} included (Jackson would read that as
	 * {@code /}), or when a string in it contains NUL (U+0000): PostgreSQL cannot store NUL and H2
	 * can, so both databases refuse it alike, naming the field.
	 */
	private static HttpInputMessage checkedText(HttpInputMessage input) throws IOException {
		byte[] body = input.getBody().readAllBytes();
		if (HostileRequestFilter.strictUtf8(body, 0, body.length) == null) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
					"The request body is not valid UTF-8.");
			problem.setTitle("Malformed request body");
			throw new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
		}
		if (containsEscapedNul(body)) {
			String field = fieldWithNul(body);
			if (field != null) {
				throw new InvalidRequestException(field, "must not contain NUL characters");
			}
		}
		HttpHeaders headers = input.getHeaders();
		return new HttpInputMessage() {

			@Override
			public InputStream getBody() {
				return new ByteArrayInputStream(body);
			}

			@Override
			public HttpHeaders getHeaders() {
				return headers;
			}

		};
	}

	private static boolean containsEscapedNul(byte[] body) {
		for (int i = 0; i + 5 < body.length; i++) {
			if (body[i] == '\\' && body[i + 1] == 'u' && body[i + 2] == '0' && body[i + 3] == '0' && body[i + 4] == '0'
					&& body[i + 5] == '0') {
				return true;
			}
		}
		return false;
	}

	/** The JSON path of the first string (or property name) holding NUL; null when the body is not JSON. */
	private static String fieldWithNul(byte[] body) {
		JsonNode tree;
		try {
			tree = PLAIN_JSON.readTree(body);
		}
		catch (JacksonException ex) {
			return null;
		}
		return fieldWithNul(tree, "");
	}

	private static String fieldWithNul(JsonNode node, String path) {
		if (node.isString()) {
			return node.asString().indexOf('\0') >= 0 ? (path.isEmpty() ? "body" : path) : null;
		}
		if (node.isArray()) {
			for (int i = 0; i < node.size(); i++) {
				String found = fieldWithNul(node.get(i), path + "[" + i + "]");
				if (found != null) {
					return found;
				}
			}
		}
		if (node.isObject()) {
			for (Map.Entry<String, JsonNode> entry : node.properties()) {
				String name = entry.getKey();
				String child = path.isEmpty() ? name.replace("\0", "?") : path + "." + name.replace("\0", "?");
				if (name.indexOf('\0') >= 0) {
					return child;
				}
				String found = fieldWithNul(entry.getValue(), child);
				if (found != null) {
					return found;
				}
			}
		}
		return null;
	}

	@SuppressWarnings("unchecked")
	private static List<FieldProblem> collecting() {
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		return request == null ? null
				: (List<FieldProblem>) request.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
	}

	private static List<FieldProblem> stopCollecting() {
		List<FieldProblem> problems = collecting();
		if (problems != null) {
			RequestContextHolder.currentRequestAttributes().removeAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
		}
		return problems;
	}

	/**
	 * The Jackson side: notes unknown enum values while a controller's body is read; everywhere
	 * else (Jira payloads, stored JSON) it leaves errors to fail as usual.
	 */
	static final class EnumValueCollector extends DeserializationProblemHandler {

		@Override
		public Object handleWeirdStringValue(DeserializationContext context, Class<?> targetType, String value,
				String failureMessage) throws JacksonException {
			return note(context, targetType, value);
		}

		@Override
		public Object handleInstantiationProblem(DeserializationContext context, Class<?> type, Object argument,
				Throwable problem) throws JacksonException {
			return argument instanceof String value ? note(context, type, value) : NOT_HANDLED;
		}

		@SuppressWarnings({ "unchecked", "rawtypes" })
		private static Object note(DeserializationContext context, Class<?> type, String value) {
			List<FieldProblem> problems = collecting();
			String field = context.getParser().currentName();
			if (problems == null || !type.isEnum() || field == null) {
				return NOT_HANDLED;
			}
			problems.add(new FieldProblem(field, "'" + value + "' is not one of " + Labels.allowed((Class) type)));
			return null;
		}

	}

}
