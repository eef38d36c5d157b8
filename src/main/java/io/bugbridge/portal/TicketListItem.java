package io.bugbridge.portal;

import java.net.URI;
import java.time.Instant;

import io.bugbridge.ticket.Priority;
import io.bugbridge.ticket.Status;
import io.bugbridge.ticket.TicketListing;
import io.bugbridge.ticket.TicketType;

/** One row of "my tickets". */
record TicketListItem(String key, TicketType issueType, String summary, Status status, Priority priority,
		String reporterEmail, Instant created, Instant updated, URI url) {

	static TicketListItem of(TicketListing t, URI url) {
		return new TicketListItem(t.key(), t.type(), t.summary(), t.status(), t.priority(), t.reporterEmail(),
				t.created(), t.updated(), url);
	}

}
