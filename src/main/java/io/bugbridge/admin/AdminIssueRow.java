package io.bugbridge.admin;

import java.net.URI;
import java.time.Instant;

import io.bugbridge.sla.SlaStatus;
import io.bugbridge.ticket.Priority;
import io.bugbridge.ticket.Status;
import io.bugbridge.ticket.Ticket;
import io.bugbridge.ticket.TicketType;

/**
 * One row of the admin ticket list: what the console's table shows.
 *
 * @param customerReported filed by a customer (carries a customer id), as opposed to created by staff
 * in the tracker
 */
record AdminIssueRow(String key, String summary, TicketType issueType, Status status, Priority priority,
		String reporterEmail, String assigneeEmail, String customerId, boolean customerReported, int votes,
		Instant created, Instant updated, SlaView sla, URI url) {

	static AdminIssueRow of(Ticket t, SlaStatus sla, URI url) {
		return new AdminIssueRow(t.key(), t.summary(), t.type(), t.status(), t.priority(), t.reporterEmail(),
				t.assigneeEmail(), t.customerId(), t.customerId() != null, t.votes(), t.created(), t.updated(),
				SlaView.of(sla), url);
	}

}
