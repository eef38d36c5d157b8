package io.bugbridge.ui;

import jakarta.servlet.http.HttpServletRequest;

/** What htmx tells the server about a request. */
public final class Htmx {

	private Htmx() {
	}

	/** True for requests htmx made: they get a fragment instead of a whole page. */
	public static boolean isHtmx(HttpServletRequest request) {
		return "true".equals(request.getHeader("HX-Request")) && !"true".equals(request.getHeader("HX-Boosted"));
	}

}
