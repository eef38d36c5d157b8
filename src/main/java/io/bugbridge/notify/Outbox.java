package io.bugbridge.notify;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Queues notifications: a {@code notification} row and a delivery job per recipient, written in
 * the caller's transaction, so a message exists if and only if the change that caused it commits.
 * Nothing is sent here; {@link Deliverer} does that in the background.
 */
@Component
class Outbox {

	static final TaskDescriptor<Delivery> DELIVERY = TaskDescriptor.of("notify-delivery", Delivery.class);

	private final SchedulerClient scheduler;

	private final NotificationLog log;

	private final EmailChannel email;

	private final SlackChannel slack;

	private final NotifyProperties properties;

	private final Clock clock;

	Outbox(SchedulerClient scheduler, NotificationLog log, EmailChannel email, SlackChannel slack,
			NotifyProperties properties, Clock clock) {
		this.scheduler = scheduler;
		this.log = log;
		this.email = email;
		this.slack = slack;
		this.properties = properties;
		this.clock = clock;
	}

	/** An e-mail to the ticket's customer, when e-mail is on. */
	@Transactional
	void toCustomer(Kind kind, String email, String ticketKey, String sourceEvent, Map<String, String> model) {
		if (this.email.enabled() && email != null && !email.isBlank()) {
			enqueue(kind, Channel.EMAIL, email.trim(), ticketKey, sourceEvent, model);
		}
	}

	/** An e-mail to each admin and a Slack message, for the channels that are on. */
	@Transactional
	void toAdmins(Kind kind, String ticketKey, String sourceEvent, Map<String, String> model) {
		if (email.enabled()) {
			for (String admin : properties.adminRecipients()) {
				enqueue(kind, Channel.EMAIL, admin, ticketKey, sourceEvent, model);
			}
		}
		if (slack.enabled()) {
			enqueue(kind, Channel.SLACK, Notification.SLACK_RECIPIENT, ticketKey, sourceEvent, model);
		}
	}

	boolean adminChannelsEnabled() {
		return slack.enabled() || (email.enabled() && !properties.adminRecipients().isEmpty());
	}

	private void enqueue(Kind kind, Channel channel, String recipient, String ticketKey, String sourceEvent,
			Map<String, String> model) {
		Instant now = clock.instant();
		long id = log.insert(kind, channel, recipient, ticketKey, sourceEvent, now);
		scheduler.schedule(DELIVERY.instance(Long.toString(id)).data(new Delivery(id, model)).scheduledTo(now));
	}

}
