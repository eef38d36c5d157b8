package io.bugbridge.search;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Out of service while the index is being built, so a load balancer waits for a new node. */
@Component("ticketSearchIndex")
class SearchHealthIndicator implements HealthIndicator {

	private final TicketSearch search;

	SearchHealthIndicator(TicketSearch search) {
		this.search = search;
	}

	@Override
	public Health health() {
		return (search.isReady() ? Health.up() : Health.outOfService()).withDetail("tickets", search.indexedTickets())
			// Embeddings catch up in the background; similarity is lexical for tickets still without one.
			.withDetail("embedded_tickets", search.embeddedTickets())
			.build();
	}

}
