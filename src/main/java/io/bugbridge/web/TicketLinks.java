package io.bugbridge.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

import io.bugbridge.config.BugBridgeProperties;
import io.bugbridge.tracker.TicketTracker;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

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

	/**
	 * {@link #urlFor} for many tickets of one response: the portal's base address is worked out
	 * once (from the request's forwarded headers when no public URL is set), not once per ticket.
	 */
	public Function<String, URI> urlsForThisRequest() {
		String base = portalBase().path("/tickets/").build().toUriString();
		return key -> tracker.browseUrl(key)
			.orElseGet(() -> URI.create(base + UriUtils.encodePathSegment(key, StandardCharsets.UTF_8)));
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
