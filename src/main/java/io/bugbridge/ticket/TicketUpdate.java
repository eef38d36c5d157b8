package io.bugbridge.ticket;

import java.util.Optional;

/**
 * Changes to apply to a ticket; a null field means "leave as is". The assignee is three-state:
 * null leaves it, {@code Optional.empty()} unassigns, a value assigns.
 */
public record TicketUpdate(Status status, Priority priority, Optional<String> assigneeEmail, String summary,
		String description) {

	public static TicketUpdate status(Status status) {
		return new TicketUpdate(status, null, null, null, null);
	}

	public static TicketUpdate priority(Priority priority) {
		return new TicketUpdate(null, priority, null, null, null);
	}

	public static TicketUpdate assignee(String email) {
		return new TicketUpdate(null, null, Optional.ofNullable(email), null, null);
	}

	public boolean isEmpty() {
		return status == null && priority == null && assigneeEmail == null && summary == null && description == null;
	}

}
