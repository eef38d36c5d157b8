package io.bugbridge.web;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers requests no handler could make sense of with a short 4xx problem document, before
 * Tomcat, Spring Security or a controller turns them into a 500 with a stack trace:
 * <ul>
 * <li>a query string with broken percent-encoding ({@code %zz}) or bytes that are not UTF-8
 * ({@code %ff}): 400;</li>
 * <li>a NUL character (U+0000) in a query or form parameter: 400 naming the parameter (PostgreSQL
 * cannot store NUL, H2 can; both now refuse it the same way);</li>
 * <li>{@code /error} asked for directly: 404.</li>
 * </ul>
 * Each refusal is one DEBUG line at most, so a scanner cannot fill the log.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class HostileRequestFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(HostileRequestFilter.class);

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (path.equals("/error") || path.startsWith("/error/")) {
			refuse(request, response, HttpStatus.NOT_FOUND, "Not Found", "No such page or endpoint.", null, null);
			return;
		}
		QueryProblem problem = checkQueryString(request.getQueryString());
		if (problem != null) {
			refuse(request, response, HttpStatus.BAD_REQUEST, "Invalid request", problem.detail(), problem.field(),
					problem.message());
			return;
		}
		if (isFormPost(request)) {
			Map<String, String[]> parameters;
			try {
				parameters = request.getParameterMap();
			}
			catch (RuntimeException ex) {
				refuse(request, response, HttpStatus.BAD_REQUEST, "Invalid request",
						"The form data is not valid UTF-8 or has broken percent-encoding.", null, null);
				return;
			}
			String field = fieldWithNul(parameters);
			if (field != null) {
				refuse(request, response, HttpStatus.BAD_REQUEST, "Invalid request", "Invalid fields: " + field + ".",
						field, "must not contain NUL characters");
				return;
			}
		}
		chain.doFilter(request, response);
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return true;
	}

	/** Error dispatches reach /error legitimately; only a client's own request for it is refused. */
	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return request.getDispatcherType() != DispatcherType.REQUEST;
	}

	private static boolean isFormPost(HttpServletRequest request) {
		String type = request.getContentType();
		return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded");
	}

	record QueryProblem(String detail, String field, String message) {
	}

	/** Null when every parameter decodes; else what is wrong, naming the parameter when it can. */
	static QueryProblem checkQueryString(String query) {
		if (query == null || query.isEmpty()) {
			return null;
		}
		for (String pair : query.split("&")) {
			int equals = pair.indexOf('=');
			String rawName = equals < 0 ? pair : pair.substring(0, equals);
			String rawValue = equals < 0 ? "" : pair.substring(equals + 1);
			String name = decode(rawName);
			if (name == null) {
				return new QueryProblem("The query string has broken percent-encoding or is not UTF-8.", null, null);
			}
			String value = decode(rawValue);
			if (value == null) {
				return new QueryProblem("Invalid fields: " + printable(name) + ".", printable(name),
						"has broken percent-encoding or is not UTF-8");
			}
			if (name.indexOf('\0') >= 0 || value.indexOf('\0') >= 0) {
				return new QueryProblem("Invalid fields: " + printable(name) + ".", printable(name),
						"must not contain NUL characters");
			}
		}
		return null;
	}

	/** Strict application/x-www-form-urlencoded decoding: null for a bad escape or bytes that are not UTF-8. */
	static String decode(String raw) {
		byte[] bytes = new byte[raw.length() * 3];
		int n = 0;
		for (int i = 0; i < raw.length(); i++) {
			char c = raw.charAt(i);
			if (c == '%') {
				if (i + 2 >= raw.length()) {
					return null;
				}
				int high = Character.digit(raw.charAt(i + 1), 16);
				int low = Character.digit(raw.charAt(i + 2), 16);
				if (high < 0 || low < 0) {
					return null;
				}
				bytes[n++] = (byte) (high << 4 | low);
				i += 2;
			}
			else if (c == '+') {
				bytes[n++] = ' ';
			}
			else {
				byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
				for (byte b : encoded) {
					bytes[n++] = b;
				}
			}
		}
		return strictUtf8(bytes, 0, n);
	}

	/** The text of UTF-8 bytes, or null when they are not UTF-8 (overlong forms included). */
	static String strictUtf8(byte[] bytes, int offset, int length) {
		try {
			CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes, offset, length));
			return chars.toString();
		}
		catch (CharacterCodingException ex) {
			return null;
		}
	}

	private static String fieldWithNul(Map<String, String[]> parameters) {
		for (Map.Entry<String, String[]> entry : parameters.entrySet()) {
			if (entry.getKey().indexOf('\0') >= 0) {
				return printable(entry.getKey());
			}
			for (String value : entry.getValue()) {
				if (value != null && value.indexOf('\0') >= 0) {
					return printable(entry.getKey());
				}
			}
		}
		return null;
	}

	private static String printable(String name) {
		String cleaned = name.replaceAll("\\p{Cntrl}", "?");
		return cleaned.length() > 64 ? cleaned.substring(0, 64) + "…" : cleaned;
	}

	static void refuse(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String title,
			String detail, String field, String message) throws IOException {
		if (log.isDebugEnabled()) {
			log.debug("Refused {} {}: {}", request.getMethod(), printable(request.getRequestURI()), detail);
		}
		response.resetBuffer();
		response.setStatus(status.value());
		SecurityHeaders.apply(response);
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		StringBuilder json = new StringBuilder("{\"type\":\"about:blank\",\"title\":").append(quote(title))
			.append(",\"status\":")
			.append(status.value())
			.append(",\"detail\":")
			.append(quote(detail))
			.append(",\"instance\":")
			.append(quote(printable(request.getRequestURI())));
		if (field != null) {
			json.append(",\"errors\":[{\"field\":")
				.append(quote(field))
				.append(",\"message\":")
				.append(quote(message))
				.append("}]");
		}
		response.getWriter().write(json.append('}').toString());
	}

	static String quote(String text) {
		StringBuilder out = new StringBuilder("\"");
		for (char c : text.toCharArray()) {
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				default -> {
					if (c < 0x20) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		return out.append('"').toString();
	}

}
