package io.bugbridge.web;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The headers Spring Security writes on every API answer, for the few answers written before its
 * filters run (413 of {@link RequestBodyLimitFilter}, refusals of {@link HostileRequestFilter}).
 */
final class SecurityHeaders {

	private SecurityHeaders() {
	}

	static void apply(HttpServletResponse response) {
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("X-Frame-Options", "DENY");
		response.setHeader("Cache-Control", "no-cache, no-store, max-age=0, must-revalidate");
		response.setHeader("Pragma", "no-cache");
		response.setHeader("Expires", "0");
		response.setHeader("Referrer-Policy", "no-referrer");
		response.setHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
	}

}
