package io.bugbridge.notify;

import io.bugbridge.analysis.AnalysisFinished;
import io.bugbridge.analysis.BugAnalysis;
import io.bugbridge.ticket.Ticket;
import io.bugbridge.ticket.TicketNotFoundException;
import io.bugbridge.ticket.TicketService;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Admins hear when an automatic analysis of a new urgent bug has finished (done, or failed with
 * the offline analysis standing in): key, summary, engine and model, outcome, the top files and a
 * link to the analysis page. Analyses an admin started are not announced: that admin is watching.
 * Once per analysis: the analysis id is the notification's source event.
 */
@Component
class AnalysisNotifications {

	private final Outbox outbox;

	private final MessageModels models;

	private final TicketService tickets;

	private final NotificationLog log;

	AnalysisNotifications(Outbox outbox, MessageModels models, TicketService tickets, NotificationLog log) {
		this.outbox = outbox;
		this.models = models;
		this.tickets = tickets;
		this.log = log;
	}

	/** Published after the analysis is stored, outside its transaction: this queues in one of its own. */
	@EventListener
	@Transactional
	public void on(AnalysisFinished event) {
		BugAnalysis analysis = event.analysis();
		if (!analysis.details().automatic() || !outbox.adminChannelsEnabled()) {
			return;
		}
		Ticket ticket;
		try {
			ticket = tickets.get(analysis.ticketKey());
		}
		catch (TicketNotFoundException deleted) {
			return;
		}
		String sourceEvent = "analysis " + analysis.id();
		if (log.exists(Kind.ADMIN_ANALYSIS, ticket.key(), sourceEvent)) {
			return;
		}
		outbox.toAdmins(Kind.ADMIN_ANALYSIS, ticket.key(), sourceEvent, models.analysis(ticket, analysis));
	}

}
