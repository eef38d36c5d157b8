package io.bugbridge.portal;

import io.bugbridge.ticket.NewTicket;
import io.bugbridge.ticket.Priority;
import io.bugbridge.ticket.TicketType;

/** What the three intake bodies have in common, and how each becomes a {@link NewTicket}. */
sealed interface IntakeRequest permits BugReportRequest, FeatureRequestRequest, SupportTicketRequest {

	TicketType type();

	String summary();

	String description();

	String reporterEmail();

	String customerId();

	Priority priority();

	/** The ticket to file, once the caller's identity has settled reporter and customer. */
	NewTicket toNewTicket(String reporterEmail, String reporterName, String customerId);

}
