package io.bugbridge.portal;

import com.fasterxml.jackson.annotation.JsonAlias;
import io.bugbridge.ticket.NewTicket;
import io.bugbridge.ticket.Priority;
import io.bugbridge.ticket.TicketType;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code POST /api/jira/bug-report}. */
record BugReportRequest(
		@NotBlank @Size(max = Limits.SUMMARY) String summary,
		@NotBlank @Size(max = Limits.LONG_TEXT) String description,
		@Email @Size(max = Limits.EMAIL) @JsonAlias("requester_email") String reporterEmail,
		@Size(max = Limits.CUSTOMER_ID) String customerId,
		Priority priority,
		@Size(max = Limits.ENVIRONMENT) String environment,
		@Size(max = Limits.LONG_TEXT) String stepsToReproduce,
		@Size(max = Limits.LONG_TEXT) String expectedBehavior,
		@Size(max = Limits.LONG_TEXT) String actualBehavior) implements IntakeRequest {

	@Override
	public TicketType type() {
		return TicketType.BUG;
	}

	@Override
	public NewTicket toNewTicket(String reporterEmail, String reporterName, String customerId) {
		return new NewTicket(type(), summary.trim(), description, priority, reporterEmail, reporterName,
				customerId, environment, stepsToReproduce, expectedBehavior, actualBehavior, null, null, null);
	}

}
