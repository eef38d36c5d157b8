package io.bugbridge.ui;

import java.util.HashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;

/**
 * Spring Boot's error page (errors no page controller handled, such as an upload refused while the
 * form is read) with the signed-in user, so it shows the site's navigation like every other page.
 */
@Component
class ErrorPages implements ErrorViewResolver {

	@Override
	public ModelAndView resolveErrorView(HttpServletRequest request, HttpStatus status, Map<String, Object> model) {
		Map<String, Object> page = new HashMap<>(model);
		page.put("me", io.bugbridge.security.CurrentCaller.get().orElse(null));
		return new ModelAndView("error", page, status);
	}

}
