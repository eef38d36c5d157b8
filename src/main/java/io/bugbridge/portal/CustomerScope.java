package io.bugbridge.portal;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.bugbridge.security.Caller;
import io.bugbridge.ticket.Actor;
import io.bugbridge.ticket.Ticket;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * Which tickets a caller may see and file. The token decides, never the request: a customer acts
 * only for the customer account and e-mail in their token; admins may act for anyone.
 */
final class CustomerScope {

	private CustomerScope() {
	}

	/** The customer account the caller is confined to; null for admins, who see every ticket. */
	static String visibleCustomerId(Caller caller) {
		if (caller.isAdmin()) {
			return null;
		}
		if (caller.customerId() == null) {
			throw forbidden("Your token has no customer_id claim, so it cannot see or file customer tickets.",
					Caller.CUSTOMER_ID_CLAIM, "is missing from the token");
		}
		return caller.customerId();
	}

	static boolean canSee(Caller caller, Ticket ticket) {
		return caller.canSeeTicketsOf(ticket.customerId());
	}

	/** The customer id a new ticket is filed under. */
	static String customerIdForNewTicket(Caller caller, String requested) {
		if (caller.isAdmin()) {
			return blankToNull(requested) != null ? requested.trim() : caller.customerId();
		}
		String own = visibleCustomerId(caller);
		if (blankToNull(requested) != null && !requested.trim().equals(own)) {
			throw forbidden("customer_id does not match the customer account of your token.", "customer_id",
					"must be your own customer id");
		}
		return own;
	}

	/** The reporter e-mail of a new ticket; {@code field} is its JSON name in this request. */
	static String reporterEmailForNewTicket(Caller caller, String requested, String field) {
		String wanted = blankToNull(requested);
		if (wanted != null) {
			wanted = wanted.trim();
			if (!caller.isAdmin() && caller.email() != null && !wanted.equalsIgnoreCase(caller.email())) {
				throw forbidden(field + " does not match the e-mail address of your token.", field,
						"must be your own e-mail address");
			}
			return wanted;
		}
		if (caller.email() != null) {
			return caller.email();
		}
		throw new ErrorResponseException(HttpStatus.BAD_REQUEST,
				problem(HttpStatus.BAD_REQUEST, "Invalid request",
						field + " is required because your token has no email claim.", field, "must not be blank"),
				null);
	}

	static Actor actor(Caller caller) {
		return new Actor(caller.subject(), caller.email(), caller.name(),
				caller.isAdmin() ? Actor.Kind.STAFF : Actor.Kind.CUSTOMER);
	}

	static String normaliseEmail(String email) {
		return blankToNull(email) == null ? null : email.trim().toLowerCase(Locale.ROOT);
	}

	private static ErrorResponseException forbidden(String detail, String field, String message) {
		return new ErrorResponseException(HttpStatus.FORBIDDEN,
				problem(HttpStatus.FORBIDDEN, "Forbidden", detail, field, message), null);
	}

	private static org.springframework.http.ProblemDetail problem(HttpStatus status, String title, String detail,
			String field, String message) {
		var problem = org.springframework.http.ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		problem.setProperty("errors", List.of(Map.of("field", field, "message", message)));
		return problem;
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value;
	}

}
