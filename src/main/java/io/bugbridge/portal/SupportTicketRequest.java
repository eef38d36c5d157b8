package io.bugbridge.portal;

import com.fasterxml.jackson.annotation.JsonAlias;
import io.bugbridge.ticket.NewTicket;
import io.bugbridge.ticket.Priority;
import io.bugbridge.ticket.SupportCategory;
import io.bugbridge.ticket.TicketType;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code POST /api/jira/support-ticket}. A missing category files the ticket under "other". */
record SupportTicketRequest(
		@NotBlank @Size(max = Limits.SUMMARY) String summary,
		@Size(max = Limits.LONG_TEXT) String description,
		@Email @Size(max = Limits.EMAIL) @JsonAlias("reporter_email") String requesterEmail,
		@Size(max = Limits.CUSTOMER_ID) String customerId,
		Priority priority,
		SupportCategory category) implements IntakeRequest {

	@Override
	public TicketType type() {
		return TicketType.SUPPORT;
	}

	@Override
	public String reporterEmail() {
		return requesterEmail;
	}

	@Override
	public NewTicket toNewTicket(String reporterEmail, String reporterName, String customerId) {
		return new NewTicket(type(), summary.trim(), description, priority, reporterEmail, reporterName,
				customerId, null, null, null, null, null, null, category);
	}

}
