package io.bugbridge.tracker;

import java.net.URI;
import java.util.Optional;

import io.bugbridge.ticket.Actor;
import io.bugbridge.ticket.Comment;
import io.bugbridge.ticket.NewComment;
import io.bugbridge.ticket.TicketService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The tracker of the embedded default: BugBridge itself. Tickets live only in the local store and
 * are linked to on the portal.
 */
public class LocalTracker implements TicketTracker {

	private final TicketService tickets;

	public LocalTracker(TicketService tickets) {
		this.tickets = tickets;
	}

	@Override
	public String name() {
		return "local";
	}

	@Override
	public Optional<URI> browseUrl(String ticketKey) {
		return Optional.empty();
	}

	@Override
	public Comment postInternalComment(String ticketKey, String body, Actor author) {
		return tickets.addComment(ticketKey, new NewComment(body, true), author);
	}

	/**
	 * Stores nothing: the ticket store links tickets to tickets, not to web pages, and whoever links
	 * a page (Auto-Fix and its pull request) keeps the url itself and shows it on the portal.
	 */
	@Override
	public void linkWebPage(String ticketKey, String url, String title, String summary) {
	}

	@Configuration(proxyBeanMethods = false)
	@Conditional(TrackerSelection.NoTrackerConfigured.class)
	static class LocalTrackerConfiguration {

		@Bean
		TicketTracker localTracker(TicketService tickets) {
			return new LocalTracker(tickets);
		}

	}

}
