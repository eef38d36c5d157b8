package io.bugbridge.tracker;

import java.net.URI;
import java.util.Optional;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The tracker of the embedded default: BugBridge itself. Tickets live only in the local store and
 * are linked to on the portal.
 */
public class LocalTracker implements TicketTracker {

	@Override
	public String name() {
		return "local";
	}

	@Override
	public Optional<URI> browseUrl(String ticketKey) {
		return Optional.empty();
	}

	@Configuration(proxyBeanMethods = false)
	static class LocalTrackerConfiguration {

		@Bean
		@ConditionalOnMissingBean(TicketTracker.class)
		TicketTracker localTracker() {
			return new LocalTracker();
		}

	}

}
