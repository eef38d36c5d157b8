package io.bugbridge.ticket;

import java.util.Objects;

/**
 * A ticket as a customer (or staff on their behalf) files it. Fields that do not apply to the
 * type are ignored: a support ticket has no steps to reproduce.
 */
public record NewTicket(
		TicketType type,
		String summary,
		String description,
		Priority priority,
		String reporterEmail,
		String reporterName,
		String customerId,
		String environment,
		String stepsToReproduce,
		String expectedBehavior,
		String actualBehavior,
		String businessValue,
		String useCase,
		SupportCategory category) {

	public NewTicket {
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(summary, "summary");
		Objects.requireNonNull(reporterEmail, "reporterEmail");
		priority = priority == null ? Priority.MEDIUM : priority;
		if (type != TicketType.BUG) {
			environment = null;
			stepsToReproduce = null;
			expectedBehavior = null;
			actualBehavior = null;
		}
		if (type != TicketType.FEATURE) {
			businessValue = null;
			useCase = null;
		}
		if (type == TicketType.SUPPORT) {
			category = category == null ? SupportCategory.OTHER : category;
		}
		else {
			category = null;
		}
	}

}
