package io.bugbridge.ui;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * An address nothing answers: a page for people in a browser, the API's problem document for
 * everything else. No controller handled such a request, so only an advice without a package
 * restriction sees it; it is ordered before the API's handler and answers API paths as that would.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class NotFoundPages {

	@ExceptionHandler(NoResourceFoundException.class)
	Object notFound(NoResourceFoundException ex, HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		String accept = request.getHeader("Accept");
		boolean page = !path.startsWith("/api/") && !path.startsWith("/v3/") && !path.startsWith("/actuator")
				&& accept != null && accept.contains(MediaType.TEXT_HTML_VALUE);
		if (!page) {
			return ResponseEntity.status(ex.getStatusCode()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.body(ex.getBody());
		}
		ModelAndView view = new ModelAndView("ui/error", HttpStatus.NOT_FOUND);
		view.addObject("status", 404);
		view.addObject("title", "Page not found");
		view.addObject("detail", "There is no page at this address.");
		view.addObject("me", io.bugbridge.security.CurrentCaller.get().orElse(null));
		return view;
	}

}
