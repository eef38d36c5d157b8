package io.bugbridge.tracker;

import java.net.URI;
import java.util.Optional;

/**
 * The issue tracker tickets are mirrored to. The embedded default is the {@link LocalTracker},
 * which keeps tickets only in BugBridge's own store; the Jira integration provides another.
 */
public interface TicketTracker {

	/** A short name for logs and health checks, e.g. {@code local} or {@code jira}. */
	String name();

	/**
	 * Where people can see the ticket in the tracker, when the tracker has its own UI. Empty means
	 * the portal's own ticket page is the place to link to.
	 */
	Optional<URI> browseUrl(String ticketKey);

}
