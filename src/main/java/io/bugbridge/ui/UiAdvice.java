package io.bugbridge.ui;

import java.util.UUID;

import io.bugbridge.security.Caller;
import io.bugbridge.security.CurrentCaller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * What every page needs (who is signed in, where we are) and how the pages fail: an error page in
 * the site's layout with a sentence a person can act on, never the API's problem+json. Ordered
 * before the API's handler, and limited to this module's controllers.
 */
@ControllerAdvice(basePackageClasses = UiAdvice.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class UiAdvice {

	private static final Logger log = LoggerFactory.getLogger(UiAdvice.class);

	@ModelAttribute("me")
	Caller me() {
		return CurrentCaller.get().orElse(null);
	}

	@ModelAttribute("path")
	String path(HttpServletRequest request) {
		return request.getRequestURI().substring(request.getContextPath().length());
	}

	@ExceptionHandler({ AccessDeniedException.class, AuthenticationException.class })
	void security(RuntimeException ex) {
		// Spring Security answers these (sign-in page, 403 page).
		throw ex;
	}

	@ExceptionHandler(MaxUploadSizeExceededException.class)
	String tooLarge(MaxUploadSizeExceededException ex, HttpServletRequest request, HttpServletResponse response,
			Model model) {
		// Without script the browser shows this page instead of the form: offer the way back to it.
		model.addAttribute("backUrl", backTo(request));
		return error(response, model, HttpStatus.CONTENT_TOO_LARGE, "Upload too large",
				"The files you sent are larger than this service accepts. Choose smaller screenshots and try again.");
	}

	/**
	 * A browser that closed a live stream or navigated away mid-response: nothing failed and nobody
	 * is listening, so there is nothing to render and nothing worth an error in the log.
	 */
	@ExceptionHandler(org.springframework.web.context.request.async.AsyncRequestNotUsableException.class)
	void clientGone(Exception ex) {
		log.debug("Client went away: {}", ex.getMessage());
	}

	@ExceptionHandler(NoResourceFoundException.class)
	String notFound(HttpServletResponse response, Model model) {
		return error(response, model, HttpStatus.NOT_FOUND, "Page not found", "There is no page at this address.");
	}

	/**
	 * The database is unreachable, its pool exhausted, or too many uploads wait to be stored: nothing
	 * was changed, and trying again shortly works, which a "something went wrong" page did not say.
	 * One short log line, as on the API (503 with Retry-After there too).
	 */
	@ExceptionHandler({ org.springframework.dao.DataAccessResourceFailureException.class,
			org.springframework.dao.TransientDataAccessException.class,
			org.springframework.transaction.CannotCreateTransactionException.class })
	String busy(Exception ex, HttpServletRequest request, HttpServletResponse response, Model model) {
		log.warn("Database busy or unavailable on a page ({}): {}", request.getRequestURI(), ex.getClass().getSimpleName());
		response.setHeader("Retry-After", "5");
		if ("POST".equals(request.getMethod())) {
			model.addAttribute("backUrl", backTo(request));
			model.addAttribute("backHint", "What you typed is kept there if your browser allows it.");
		}
		return error(response, model, HttpStatus.SERVICE_UNAVAILABLE, "Busy right now",
				"The service is busy and nothing was saved. Go back and send it again in a few seconds.");
	}

	/**
	 * Spring's own request errors (unknown ticket, wrong method, missing parameter) carry their status
	 * and a client-facing detail; anything else is our fault and gets an id to quote.
	 */
	@ExceptionHandler(Exception.class)
	String failed(Exception ex, HttpServletResponse response, Model model) {
		if (ex instanceof ErrorResponse error && !error.getStatusCode().is5xxServerError()) {
			String title = error.getBody().getTitle() != null ? error.getBody().getTitle() : "Request not possible";
			return error(response, model, error.getStatusCode(), title, error.getBody().getDetail());
		}
		String errorId = UUID.randomUUID().toString();
		log.error("Unexpected error {} on a page", errorId, ex);
		model.addAttribute("errorId", errorId);
		return error(response, model, HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong",
				"Something went wrong on our side. If it keeps happening, tell support this error id.");
	}

	/** The form the upload came from: the path of the same-site page that posted it, never another host. */
	static String backTo(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		String fallback = path.startsWith("/tickets/") ? path.replaceFirst("/screenshots$", "")
				: path.startsWith("/support/new/") ? path : "/support";
		String referer = request.getHeader("Referer");
		if (referer == null) {
			return fallback;
		}
		try {
			java.net.URI uri = java.net.URI.create(referer);
			if (uri.getHost() != null && !uri.getHost().equalsIgnoreCase(request.getServerName())) {
				return fallback;
			}
			String back = uri.getRawPath();
			return back == null || !back.startsWith("/") || back.startsWith("//") ? fallback
					: back + (uri.getRawQuery() != null ? "?" + uri.getRawQuery() : "");
		}
		catch (IllegalArgumentException ex) {
			return fallback;
		}
	}

	private String error(HttpServletResponse response, Model model, HttpStatusCode status, String title,
			String detail) {
		response.setStatus(status.value());
		model.addAttribute("status", status.value());
		model.addAttribute("title", title);
		model.addAttribute("detail", detail);
		model.addAttribute("me", me());
		return "ui/error";
	}

}
