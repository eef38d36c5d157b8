package io.bugbridge.fix.github;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Webhook deliveries already handled, by {@code X-GitHub-Delivery} (unchanged when GitHub redelivers). */
class GitHubDeliveries {

	private final JdbcClient jdbc;

	private final Clock clock;

	GitHubDeliveries(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Records the delivery; false when it was recorded before. One statement, so two nodes
	 * receiving the same redelivery at once cannot both handle it.
	 */
	boolean first(String deliveryId) {
		return jdbc.sql("INSERT INTO github_delivery (delivery_id, received_at) VALUES (:id, :now) ON CONFLICT DO NOTHING")
			.param("id", deliveryId)
			.param("now", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
			.update() == 1;
	}

	int forgetBefore(Instant cutoff) {
		return jdbc.sql("DELETE FROM github_delivery WHERE received_at < :cutoff")
			.param("cutoff", OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC))
			.update();
	}

}
