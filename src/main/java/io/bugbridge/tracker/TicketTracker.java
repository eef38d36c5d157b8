package io.bugbridge.tracker;

import java.net.URI;
import java.util.Optional;

import io.bugbridge.ticket.Actor;
import io.bugbridge.ticket.Comment;
import io.bugbridge.ticket.Ticket;

/**
 * The issue tracker tickets are mirrored to. The embedded default is the {@link LocalTracker},
 * which keeps tickets only in BugBridge's own store; the Jira integration provides another. Which
 * one runs is decided by {@code bugbridge.jira.url} alone (see {@link TrackerSelection}).
 *
 * <p>Every write goes to the local store first; a tracker mirrors it. So callers never depend on
 * the tracker being reachable, and everything here may be called on any node of a cluster.
 */
public interface TicketTracker {

	/** A short name for logs and health checks, e.g. {@code local} or {@code jira}. */
	String name();

	/**
	 * Where people can see the ticket in the tracker, when the tracker has its own UI. Empty means
	 * the portal's own ticket page is the place to link to.
	 */
	Optional<URI> browseUrl(String ticketKey);

	/**
	 * Called by intake right after a new ticket is committed: gives the tracker a short, bounded
	 * time to take it, so that the response can carry the tracker's key. Never fails and never
	 * waits longer than the tracker's intake budget; when the tracker does not answer in time the
	 * ticket is delivered later and the receipt is pending with the (provisional) local key.
	 */
	default TrackerReceipt confirmIntake(Ticket ticket) {
		return TrackerReceipt.local(ticket.key());
	}

	/**
	 * Adds a staff-only comment, as the bug analysis does. Internal is the default for anything
	 * the service writes: such comments never reach a customer, here or in the tracker.
	 */
	Comment postInternalComment(String ticketKey, String body, Actor author);

	/**
	 * Records a web link on the ticket (e.g. the fix pull request). Idempotent per url: linking the
	 * same url again updates its title. Never fails; delivered in the background like comments.
	 *
	 * <p>"Never fails" means: not because of the tracker (down, slow, refusing) nor because of an
	 * unknown ticket or an unusable url, which are logged and skipped. What is queued is written in
	 * the caller's transaction, so a failing local database fails the call like any local write.
	 *
	 * @param ticketKey the ticket's key; a provisional key works too
	 * @param url absolute http(s) url of the page
	 * @param title the link's text; blank means the url
	 * @param summary a line shown with the link, or null
	 */
	default void linkWebPage(String ticketKey, String url, String title, String summary) {
	}

}
