package io.bugbridge.search;

import io.bugbridge.ticket.Ticket;

/** What of a ticket is embedded. */
final class TicketEmbeddings {

	private TicketEmbeddings() {
	}

	/**
	 * What the reporter wrote (summary first), never comments: customers see suggestions computed
	 * from it, so it must hold nothing a customer may not read.
	 */
	static String text(Ticket ticket) {
		return TicketSearch.reportText(ticket);
	}

}
