package io.bugbridge.security;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Applies the rate limits of {@link RateLimitProperties} in both security chains, after the caller
 * is known: customer and admin API calls per JWT subject, webhooks per source IP, anonymous requests
 * per client IP, and sign-in attempts ({@code POST /login}) per IP and per account, counting only
 * failures ({@link #signInFailed}). Limited responses carry {@code RateLimit-Limit},
 * {@code RateLimit-Remaining}, {@code RateLimit-Reset} (seconds) and {@code RateLimit-Policy}; a
 * refused request gets {@code 429} with {@code Retry-After} and an RFC 9457 problem document.
 * Signed-in browser sessions are not limited; the client IP is Tomcat's remote address (behind a
 * proxy, from {@code X-Forwarded-For} as {@code server.forward-headers-strategy} allows).
 */
class RateLimitFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);

	static final String LIMIT = "RateLimit-Limit";

	static final String REMAINING = "RateLimit-Remaining";

	static final String RESET = "RateLimit-Reset";

	static final String POLICY = "RateLimit-Policy";

	private final RateLimiter limiter;

	private final JsonMapper json;

	RateLimitFilter(RateLimiter limiter, JsonMapper json) {
		this.limiter = limiter;
		this.json = json;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!limiter.enabled()) {
			chain.doFilter(request, response);
			return;
		}
		String path = request.getRequestURI().substring(request.getContextPath().length());
		String ip = request.getRemoteAddr();
		RateLimiter.Decision decision;
		try {
			decision = decide(request, path, ip);
		}
		catch (RuntimeException ex) {
			// A limit that cannot be checked must not take the service down with it.
			log.warn("Rate limit not checked for {} {}: {}", request.getMethod(), path, ex.toString());
			chain.doFilter(request, response);
			return;
		}
		if (decision != null) {
			headers(response, decision);
			if (!decision.allowed()) {
				refuse(request, response, decision);
				return;
			}
		}
		chain.doFilter(request, response);
		if (isSignIn(request, path) && signedIn()) {
			// A successful sign-in forgets the account's earlier failures (not the IP's).
			try {
				limiter.reset(RateLimiter.Kind.SIGN_IN_ACCOUNT, account(request));
			}
			catch (RuntimeException ex) {
				log.warn("Could not reset the sign-in failures of an account: {}", ex.toString());
			}
		}
	}

	/** The decision for this request, or null when no limit applies to it. */
	private RateLimiter.Decision decide(HttpServletRequest request, String path, String ip) {
		if ("POST".equals(request.getMethod())
				&& (path.equals("/api/jira/webhook") || path.equals("/api/github/webhook"))) {
			return limiter.consume(RateLimiter.Kind.WEBHOOK, ip);
		}
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication instanceof JwtAuthenticationToken jwt && jwt.isAuthenticated()) {
			if (!path.startsWith("/api/")) {
				return null;
			}
			boolean adminPath = path.equals("/api/jira/admin") || path.startsWith("/api/jira/admin/");
			return limiter.consume(adminPath ? RateLimiter.Kind.ADMIN : RateLimiter.Kind.CUSTOMER, jwt.getName());
		}
		if (signedIn(authentication) || exempt(path)) {
			return null;
		}
		if (isSignIn(request, path)) {
			RateLimiter.Decision decision = signInAllowed(request, ip);
			if (!decision.allowed()) {
				return decision;
			}
		}
		return limiter.consume(RateLimiter.Kind.ANONYMOUS, ip);
	}

	/** Refused while the account's or the IP's failed sign-ins are used up, even with the right password. */
	private RateLimiter.Decision signInAllowed(HttpServletRequest request, String ip) {
		String account = account(request);
		if (!account.isEmpty()) {
			RateLimiter.Decision byAccount = limiter.peek(RateLimiter.Kind.SIGN_IN_ACCOUNT, account);
			if (!byAccount.allowed()) {
				return byAccount;
			}
		}
		return limiter.peek(RateLimiter.Kind.SIGN_IN_IP, ip);
	}

	/** Counts a failed sign-in against its account and its IP (the form's failure handler calls this). */
	void signInFailed(HttpServletRequest request) {
		if (!limiter.enabled()) {
			return;
		}
		try {
			String account = account(request);
			if (!account.isEmpty()) {
				limiter.consume(RateLimiter.Kind.SIGN_IN_ACCOUNT, account);
			}
			limiter.consume(RateLimiter.Kind.SIGN_IN_IP, request.getRemoteAddr());
		}
		catch (RuntimeException ex) {
			log.warn("Could not count a failed sign-in: {}", ex.toString());
		}
	}

	private static boolean isSignIn(HttpServletRequest request, String path) {
		return "POST".equals(request.getMethod()) && path.equals("/login");
	}

	private static String account(HttpServletRequest request) {
		String email = request.getParameter("email");
		return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
	}

	private static boolean signedIn() {
		return signedIn(SecurityContextHolder.getContext().getAuthentication());
	}

	private static boolean signedIn(Authentication authentication) {
		return authentication != null && authentication.isAuthenticated()
				&& !(authentication instanceof AnonymousAuthenticationToken);
	}

	/** Static files, health probes and the API description are never counted. */
	private static boolean exempt(String path) {
		return path.startsWith("/css/") || path.startsWith("/js/") || path.startsWith("/img/")
				|| path.startsWith("/webjars/") || path.equals("/favicon.ico") || path.equals("/error")
				|| path.startsWith("/actuator/health") || path.equals("/actuator/info")
				|| path.startsWith("/v3/api-docs") || path.startsWith("/swagger-ui");
	}

	private static void headers(HttpServletResponse response, RateLimiter.Decision decision) {
		response.setHeader(LIMIT, Long.toString(decision.limit()));
		response.setHeader(REMAINING, Long.toString(decision.remaining()));
		response.setHeader(RESET, Long.toString(decision.resetSeconds()));
		response.setHeader(POLICY, decision.limit() + ";w=" + decision.periodSeconds());
	}

	private void refuse(HttpServletRequest request, HttpServletResponse response, RateLimiter.Decision decision)
			throws IOException {
		long retryAfter = Math.max(1, decision.retryAfterSeconds());
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", "about:blank");
		problem.put("title", HttpStatus.TOO_MANY_REQUESTS.getReasonPhrase());
		problem.put("status", HttpStatus.TOO_MANY_REQUESTS.value());
		problem.put("detail", "Rate limit of " + decision.limit() + " per " + decision.periodSeconds()
				+ " s reached; try again in " + retryAfter + " s.");
		problem.put("instance", request.getRequestURI());
		response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		json.writeValue(response.getOutputStream(), problem);
	}

}
