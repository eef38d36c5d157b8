package io.bugbridge.notify;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import io.bugbridge.config.BugBridgeProperties;
import io.bugbridge.tracker.TicketTracker;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

import static org.assertj.core.api.Assertions.assertThat;

class LinksTests {

	static final TicketTracker LOCAL = new Tracker(null);

	static Links links(String portalUrl, String publicUrl, TicketTracker tracker) {
		NotifyProperties notify = new NotifyProperties("bb@example.com", List.of(),
				portalUrl == null ? null : URI.create(portalUrl), new NotifyProperties.Slack(null),
				new NotifyProperties.Retry(3, java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(4)));
		BugBridgeProperties app = new BugBridgeProperties(Path.of("data"), "AURA",
				publicUrl == null ? null : URI.create(publicUrl));
		EmailChannel email = new EmailChannel(new StaticListableBeanFactory().getBeanProvider(
				org.springframework.mail.javamail.JavaMailSender.class), notify);
		return new Links(notify, app, tracker, email, new SlackChannel(notify), 8080);
	}

	@Test
	void customersAreSentToThePortalUnderItsBasePath() {
		Links links = links("https://portal.example/support/", null, LOCAL);

		assertThat(links.customerTicket("AURA-1")).isEqualTo("https://portal.example/support/tickets/AURA-1");
		assertThat(links.rating("AURA-1")).isEqualTo("https://portal.example/support/tickets/AURA-1?rate=1");
	}

	@Test
	void withoutAPortalUrlThePublicUrlIsUsed() {
		assertThat(links(null, "https://bugs.example", LOCAL).customerTicket("AURA-2"))
			.isEqualTo("https://bugs.example/tickets/AURA-2");
		assertThat(links(null, null, LOCAL).customerTicket("AURA-2")).isEqualTo("http://localhost:8080/tickets/AURA-2");
	}

	@Test
	void adminsAreSentToTheTrackerWhenItHasPages() {
		Links links = links("https://portal.example", null, new Tracker("https://acme.atlassian.net/browse/"));

		assertThat(links.adminTicket("AURA-3")).isEqualTo("https://acme.atlassian.net/browse/AURA-3");
		assertThat(links.customerTicket("AURA-3")).isEqualTo("https://portal.example/tickets/AURA-3");
		assertThat(links("https://portal.example", null, LOCAL).adminTicket("AURA-3"))
			.isEqualTo("https://portal.example/tickets/AURA-3");
	}

	record Tracker(String browseBase) implements TicketTracker {

		@Override
		public String name() {
			return browseBase == null ? "local" : "jira";
		}

		@Override
		public Optional<URI> browseUrl(String ticketKey) {
			return Optional.ofNullable(browseBase).map(base -> URI.create(base + ticketKey));
		}

		@Override
		public io.bugbridge.ticket.Comment postInternalComment(String ticketKey, String body,
				io.bugbridge.ticket.Actor author) {
			throw new UnsupportedOperationException("links never comment");
		}

	}

}
