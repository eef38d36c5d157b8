package io.bugbridge.portal;

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
class TicketLinks {

	private final TicketTracker tracker;

	private final URI publicUrl;

	TicketLinks(TicketTracker tracker, BugBridgeProperties properties) {
		this.tracker = tracker;
		this.publicUrl = properties.publicUrl();
	}

	URI urlFor(String key) {
		return tracker.browseUrl(key).orElseGet(() -> portalBase().path("/tickets/{key}").buildAndExpand(key).toUri());
	}

	private UriComponentsBuilder portalBase() {
		return publicUrl != null ? UriComponentsBuilder.fromUri(publicUrl)
				: ServletUriComponentsBuilder.fromCurrentContextPath();
	}

}
