package io.bugbridge.fix.github;

import java.time.Clock;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Handles one verified delivery: records its id and publishes its event in one transaction, so a
 * listener that fails rolls the record back and GitHub's redelivery is handled again, while a
 * successful delivery is handled exactly once.
 */
class GitHubWebhookProcessor {

	private static final Logger log = LoggerFactory.getLogger(GitHubWebhookProcessor.class);

	enum Outcome {
		HANDLED, DUPLICATE, IGNORED, PONG
	}

	private final GitHubDeliveries deliveries;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transaction;

	private final GitHubProperties properties;

	private final Clock clock;

	GitHubWebhookProcessor(GitHubDeliveries deliveries, ApplicationEventPublisher events,
			TransactionTemplate transaction, GitHubProperties properties, Clock clock) {
		this.deliveries = deliveries;
		this.events = events;
		this.transaction = transaction;
		this.properties = properties;
		this.clock = clock;
	}

	Outcome process(String event, String deliveryId, JsonNode payload) {
		if (!WebhookTranslator.EVENTS.contains(event)) {
			return Outcome.IGNORED;
		}
		Optional<Object> translated = WebhookTranslator.translate(event, payload, clock.instant());
		String repository = payload.path("repository").path("full_name").asString(null);
		if (translated.isPresent() && !ours(repository)) {
			// A webhook set up on an organisation reports every repository; only ours matter.
			log.debug("GitHub {} delivery {} is about {}, not {}", event, deliveryId, repository, properties.fullName());
			translated = Optional.empty();
		}
		Object toPublish = translated.orElse(null);
		Outcome outcome = transaction.execute(status -> {
			if (deliveryId != null && !deliveries.first(deliveryId)) {
				return Outcome.DUPLICATE;
			}
			if (toPublish != null) {
				events.publishEvent(toPublish);
				return Outcome.HANDLED;
			}
			return event.equals("ping") ? Outcome.PONG : Outcome.IGNORED;
		});
		log.debug("GitHub {} delivery {}: {}", event, deliveryId, outcome);
		return outcome;
	}

	private boolean ours(String repository) {
		return properties.owner() == null || properties.repo() == null
				|| properties.fullName().equalsIgnoreCase(repository);
	}

}
