package io.bugbridge.ui;

import io.bugbridge.security.Caller;
import io.bugbridge.security.CurrentCaller;
import io.bugbridge.security.SignInOptions;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/** The front door: where {@code /} leads, the sign-in page and the "not allowed" page. */
@Controller
class HomeController {

	private final SignInOptions signIn;

	HomeController(SignInOptions signIn) {
		this.signIn = signIn;
	}

	@GetMapping("/")
	String home(Caller caller) {
		return caller.isAdmin() ? "redirect:/admin" : "redirect:/support";
	}

	@GetMapping("/login")
	String login(HttpServletRequest request, Model model) {
		if (CurrentCaller.get().isPresent()) {
			return "redirect:/";
		}
		model.addAttribute("signIn", signIn);
		if (request.getParameter("error") != null) {
			model.addAttribute("failure", failure(request.getSession(false)));
		}
		model.addAttribute("signedOut", request.getParameter("signedOut") != null);
		return "ui/login";
	}

	/** Spring Security forwards here when someone may not do what they asked, or a form's CSRF token failed. */
	@RequestMapping("/denied")
	String denied(HttpServletRequest request, HttpServletResponse response, Model model) {
		response.setStatus(HttpServletResponse.SC_FORBIDDEN);
		Object cause = request.getAttribute(WebAttributes.ACCESS_DENIED_403);
		boolean staleForm = cause instanceof CsrfException;
		model.addAttribute("status", 403);
		model.addAttribute("title", staleForm ? "This form has expired" : "Not allowed");
		model.addAttribute("detail", staleForm
				? "The page was open too long, you signed in again elsewhere, or the upload was too large."
						+ " Go back, reload the page and try again."
				: "Your account may not open this page.");
		return "ui/error";
	}

	private static String failure(HttpSession session) {
		Object error = session == null ? null : session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
		if (error instanceof OAuth2AuthenticationException oauth && oauth.getError().getDescription() != null) {
			return oauth.getError().getDescription();
		}
		if (error instanceof BadCredentialsException || error == null) {
			return "Wrong e-mail address or password.";
		}
		return "Sign-in failed. Try again, or ask your administrator.";
	}

}
