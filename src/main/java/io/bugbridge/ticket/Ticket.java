package io.bugbridge.ticket;

import java.time.Instant;

/**
 * BugBridge's own copy of a ticket. Reads are served from it, never from the tracker.
 *
 * @param source where the ticket was first filed: {@code portal} or {@code jira}
 */
public record Ticket(
		long id,
		String key,
		TicketType type,
		String summary,
		String description,
		Status status,
		Priority priority,
		String reporterEmail,
		String reporterName,
		String customerId,
		String assigneeEmail,
		String environment,
		String stepsToReproduce,
		String expectedBehavior,
		String actualBehavior,
		String businessValue,
		String useCase,
		int votes,
		SupportCategory category,
		String source,
		Instant created,
		Instant updated,
		long version) {

	/**
	 * Customers share tickets within their customer account (like a Jira Service Management
	 * organisation): a ticket is theirs when it carries their customer id.
	 */
	public boolean belongsToCustomer(String customerId) {
		return customerId != null && customerId.equals(this.customerId);
	}

}
