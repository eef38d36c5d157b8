package io.bugbridge.notify;

import java.net.URI;

import io.bugbridge.config.BugBridgeProperties;
import io.bugbridge.tracker.TicketTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Links in notifications. Customers are sent to the portal's ticket page; admins to the tracker's
 * page (Jira) when there is one. Jobs run without a request, so the portal's address must come
 * from configuration.
 */
@Component
class Links {

	private static final Logger log = LoggerFactory.getLogger(Links.class);

	private final URI portal;

	private final TicketTracker tracker;

	Links(NotifyProperties notify, BugBridgeProperties app, TicketTracker tracker, EmailChannel email,
			SlackChannel slack, @Value("${server.port:8080}") int port) {
		this.tracker = tracker;
		URI configured = notify.portalUrl() != null ? notify.portalUrl() : app.publicUrl();
		this.portal = configured != null ? configured : URI.create("http://localhost:" + port);
		if (configured == null && (email.enabled() || slack.enabled())) {
			log.warn("Links in notifications point to {} (set BUGBRIDGE_PUBLIC_URL or BUGBRIDGE_NOTIFY_PORTAL_URL)",
					portal);
		}
	}

	String customerTicket(String key) {
		return ticketPage(key).toUriString();
	}

	/** Where the customer rates a resolved ticket: the portal's ticket page opens its rating form. */
	String rating(String key) {
		return ticketPage(key).queryParam("rate", 1).toUriString();
	}

	String adminTicket(String key) {
		return tracker.browseUrl(key).map(URI::toString).orElseGet(() -> customerTicket(key));
	}

	/** The bug analysis page of the admin console (sign-in as an admin needed). */
	String adminAnalysis(String key) {
		return UriComponentsBuilder.fromUri(portal).path("/admin/tickets/").path(key).path("/analysis").toUriString();
	}

	private UriComponentsBuilder ticketPage(String key) {
		return UriComponentsBuilder.fromUri(portal).path("/tickets/").path(key);
	}

}
