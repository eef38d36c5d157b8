package io.bugbridge.web;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;

import io.bugbridge.ticket.Labels;
import io.bugbridge.web.InvalidRequestException.FieldProblem;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationContext;
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
			Class<? extends HttpMessageConverter<?>> converterType) {
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
