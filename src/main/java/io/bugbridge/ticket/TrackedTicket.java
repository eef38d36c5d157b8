package io.bugbridge.ticket;

import java.util.Objects;

/**
 * A ticket that was first filed in the tracker, as the tracker has it.
 *
 * @param key the tracker's key, used as the ticket's key
 * @param source where it was filed, e.g. {@code jira}
 * @param assigneeEmail the assignee as the tracker shows it, or null
 */
public record TrackedTicket(NewTicket ticket, String key, String source, Status status, String assigneeEmail) {

	public TrackedTicket {
		Objects.requireNonNull(ticket, "ticket");
		Objects.requireNonNull(key, "key");
		Objects.requireNonNull(source, "source");
		status = status == null ? Status.OPEN : status;
	}

}
