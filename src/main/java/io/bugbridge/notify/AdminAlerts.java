package io.bugbridge.notify;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

import io.bugbridge.ticket.Ticket;
import io.bugbridge.ticket.TicketService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** {@link AdminNotifications} over the outbox: queued in the caller's transaction, sent in the background. */
@Service
@Transactional
class AdminAlerts implements AdminNotifications {

	private final Outbox outbox;

	private final MessageModels models;

	private final TicketService tickets;

	private final NotificationLog log;

	private final Clock clock;

	AdminAlerts(Outbox outbox, MessageModels models, TicketService tickets, NotificationLog log, Clock clock) {
		this.outbox = outbox;
		this.models = models;
		this.tickets = tickets;
		this.log = log;
		this.clock = clock;
	}

	@Override
	public void slaBreached(String ticketKey, String target, Instant due) {
		Objects.requireNonNull(target, "target");
		Objects.requireNonNull(due, "due");
		Ticket ticket = tickets.get(ticketKey);
		if (!outbox.adminChannelsEnabled()) {
			return;
		}
		String sourceEvent = "sla " + target + " due " + due.truncatedTo(ChronoUnit.MILLIS);
		if (log.exists(Kind.ADMIN_SLA_BREACH, ticket.key(), sourceEvent)) {
			return;
		}
		outbox.toAdmins(Kind.ADMIN_SLA_BREACH, ticket.key(), sourceEvent,
				models.slaBreach(ticket, target, due, clock.instant()));
	}

	@Override
	public void weeklyReport(String subject, String markdown, String html) {
		Objects.requireNonNull(subject, "subject");
		Objects.requireNonNull(markdown, "markdown");
		Objects.requireNonNull(html, "html");
		outbox.toAdmins(Kind.ADMIN_WEEKLY_REPORT, null, "report " + subject,
				models.weeklyReport(subject, markdown, html));
	}

}
