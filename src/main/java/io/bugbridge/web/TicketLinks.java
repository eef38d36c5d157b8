package io.bugbridge.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.bugbridge.config.BugBridgeProperties;
import io.bugbridge.tracker.TicketTracker;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * The {@code url} of a ticket: the tracker's page (Jira's browse URL) when the tracker has one,
 * else the portal's own ticket page under the public URL (or, unset, the URL of this request when its
 * Host is trusted, else a link relative to this server).
 */
@Component
public class TicketLinks {

	private final TicketTracker tracker;

	private final URI publicUrl;

	private final Set<String> trustedHosts;

	TicketLinks(TicketTracker tracker, BugBridgeProperties properties,
			@Value("${bugbridge.trusted-hosts:localhost,127.0.0.1,[::1]}") List<String> trustedHosts) {
		this.tracker = tracker;
		this.publicUrl = properties.publicUrl();
		this.trustedHosts = trustedHosts.stream()
			.map(host -> host.trim().toLowerCase(Locale.ROOT))
			.filter(host -> !host.isEmpty())
			.collect(Collectors.toUnmodifiableSet());
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

	/**
	 * The public URL when configured. Otherwise the request's own address, but only when its Host is
	 * one of {@code bugbridge.trusted-hosts}: a forged Host header must not put another site's
	 * address into the links a customer is given; such requests get links relative to this server.
	 */
	private UriComponentsBuilder portalBase() {
		if (publicUrl != null) {
			return UriComponentsBuilder.fromUri(publicUrl);
		}
		ServletUriComponentsBuilder current = ServletUriComponentsBuilder.fromCurrentContextPath();
		String host = current.build().getHost();
		if (host != null && trustedHosts.contains(host.toLowerCase(Locale.ROOT))) {
			return current;
		}
		String contextPath = current.build().getPath();
		return UriComponentsBuilder.fromPath(contextPath == null ? "" : contextPath);
	}

}
