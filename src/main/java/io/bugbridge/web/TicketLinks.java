package io.bugbridge.web;

import java.net.URI;

import io.bugbridge.config.BugBridgeProperties;
import io.bugbridge.tracker.TicketTracker;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The {@code url} of a ticket: the tracker's page (Jira's browse URL) when the tracker has one,
 * else the portal's own ticket page under the public URL (or, unset, the URL of this request).
 */
@Component
public class TicketLinks {

	private final TicketTracker tracker;

	private final URI publicUrl;

	TicketLinks(TicketTracker tracker, BugBridgeProperties properties) {
		this.tracker = tracker;
		this.publicUrl = properties.publicUrl();
	}

	public URI urlFor(String key) {
		return tracker.browseUrl(key).orElseGet(() -> portalUrlFor(key));
	}

	/** The portal's own page for the ticket, whatever the tracker. */
	public URI portalUrlFor(String key) {
		return portalBase().path("/tickets/{key}").buildAndExpand(key).toUri();
	}

	private UriComponentsBuilder portalBase() {
		return publicUrl != null ? UriComponentsBuilder.fromUri(publicUrl)
				: ServletUriComponentsBuilder.fromCurrentContextPath();
	}

}
