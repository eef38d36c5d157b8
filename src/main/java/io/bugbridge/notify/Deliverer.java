package io.bugbridge.notify;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Delivers one queued notification: renders it, sends it, and records the outcome. A failure is
 * retried with exponential backoff until the attempts run out; then the notification is marked
 * failed and logged as an error. A notification that is no longer pending is never sent again, so a
 * job that runs twice (a node died mid-run) does not send twice once the first run was recorded.
 *
 * <p>Must not depend on the scheduler: it serves the task bean the scheduler is built from.
 */
@Component
class Deliverer {

	private static final Logger log = LoggerFactory.getLogger(Deliverer.class);

	private final NotificationLog notifications;

	private final Templates templates;

	private final EmailChannel email;

	private final SlackChannel slack;

	private final NotifyProperties.Retry retry;

	private final Clock clock;

	Deliverer(NotificationLog notifications, Templates templates, EmailChannel email, SlackChannel slack,
			NotifyProperties properties, Clock clock) {
		this.notifications = notifications;
		this.templates = templates;
		this.email = email;
		this.slack = slack;
		this.retry = properties.retry();
		this.clock = clock;
	}

	/** Tells the scheduler what to do with the job: done, or run again at a later time. */
	CompletionHandler<Delivery> deliver(Delivery delivery) {
		Optional<Notification> pending = notifications.startAttempt(delivery.notificationId(), clock.instant());
		if (pending.isEmpty()) {
			return done();
		}
		Notification notification = pending.get();
		try {
			String subject = send(notification, delivery);
			notifications.sent(notification.id(), subject, clock.instant());
			return done();
		}
		catch (RuntimeException ex) {
			return failed(notification, ex);
		}
	}

	private String send(Notification notification, Delivery delivery) {
		switch (notification.channel()) {
			case EMAIL -> {
				if (!email.enabled()) {
					throw new DeliveryException("E-mail is off on this node (no SMTP host)", false);
				}
				RenderedEmail message = templates.email(notification.kind(), delivery.model());
				email.send(notification.recipient(), message);
				return message.subject();
			}
			case SLACK -> {
				if (!slack.enabled()) {
					throw new DeliveryException("Slack is off on this node (no webhook URL)", false);
				}
				slack.post(templates.slack(notification.kind(), delivery.model()));
				return null;
			}
			default -> throw new IllegalStateException("Unknown channel " + notification.channel());
		}
	}

	private CompletionHandler<Delivery> failed(Notification notification, RuntimeException ex) {
		boolean permanent = ex instanceof DeliveryException delivery && delivery.permanent();
		String error = ex instanceof DeliveryException ? ex.getMessage()
				: ex.getClass().getSimpleName() + ": " + ex.getMessage();
		Instant now = clock.instant();
		int attempts = notification.attempts();
		if (permanent || attempts >= retry.maxAttempts()) {
			notifications.failed(notification.id(), error, now);
			log.error("Gave up on notification {} ({}) after {} attempt(s): {}", notification.id(), describe(notification),
					attempts, error);
			if (!(ex instanceof DeliveryException)) {
				log.debug("Last failure of notification {}", notification.id(), ex);
			}
			return done();
		}
		Instant next = now.plus(retry.backoffAfter(attempts)).truncatedTo(ChronoUnit.MILLIS);
		notifications.retrying(notification.id(), error, next, now);
		log.warn("Notification {} ({}) failed, attempt {} of {}; next attempt at {}: {}", notification.id(),
				describe(notification), attempts, retry.maxAttempts(), next, error);
		return (complete, operations) -> operations.reschedule(complete, next);
	}

	private static String describe(Notification notification) {
		String to = notification.channel() == Channel.SLACK ? "to Slack" : "e-mail to " + notification.recipient();
		return notification.kind().code() + " " + to
				+ (notification.ticketKey() != null ? " about " + notification.ticketKey() : "");
	}

	private static CompletionHandler<Delivery> done() {
		return (complete, operations) -> operations.remove();
	}

}
