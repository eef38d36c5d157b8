package io.bugbridge.admin;

import io.bugbridge.search.SimilarTicket;
import io.bugbridge.ticket.Priority;
import io.bugbridge.ticket.Status;
import io.bugbridge.ticket.Ticket;
import io.bugbridge.ticket.TicketType;

/** A possible duplicate, with the similarity score that put it on the list. */
record SimilarTicketView(String key, String summary, TicketType issueType, Status status, Priority priority,
		String customerId, double score) {

	static SimilarTicketView of(Ticket t, SimilarTicket similar) {
		return new SimilarTicketView(t.key(), t.summary(), t.type(), t.status(), t.priority(), t.customerId(),
				similar.score());
	}

}
