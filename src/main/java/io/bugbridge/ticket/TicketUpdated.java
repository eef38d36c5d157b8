package io.bugbridge.ticket;

import java.util.List;

/**
 * Published once a ticket update is committed, with exactly the fields that changed. Unchanged
 * values produce no event.
 */
public record TicketUpdated(Ticket ticket, List<FieldChange> changes, Actor actor, Origin origin) {

	public boolean changed(String field) {
		return changes.stream().anyMatch(change -> change.field().equals(field));
	}

}
