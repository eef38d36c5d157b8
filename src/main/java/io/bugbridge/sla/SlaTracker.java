package io.bugbridge.sla;

import java.time.Instant;

import io.bugbridge.ticket.Actor;
import io.bugbridge.ticket.CommentAdded;
import io.bugbridge.ticket.Status;
import io.bugbridge.ticket.Ticket;
import io.bugbridge.ticket.TicketCreated;
import io.bugbridge.ticket.TicketUpdated;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Moves the SLA clocks as tickets change, inside the transaction of the change, so clocks and
 * tickets never disagree.
 */
@Component
class SlaTracker {

	private final SlaRepository clocks;

	private final SlaPolicy policy;

	SlaTracker(SlaRepository clocks, SlaPolicy policy) {
		this.clocks = clocks;
		this.policy = policy;
	}

	@EventListener
	void on(TicketCreated event) {
		Ticket ticket = event.ticket();
		SlaClock clock = SlaClock.start(ticket.id(), ticket.priority(), ticket.created());
		clock = moveTo(clock, null, ticket.status(), ticket.created());
		clocks.insert(clock.withBreachesOfStoppedClocks(policy), policy);
	}

	@EventListener
	void on(TicketUpdated event) {
		if (!event.changed("status") && !event.changed("priority")) {
			return;
		}
		Ticket ticket = event.ticket();
		SlaClock clock = clockOf(ticket);
		Instant at = ticket.updated();
		if (event.changed("priority")) {
			clock = clock.withPriority(ticket.priority());
		}
		if (event.changed("status")) {
			Status before = event.changes()
				.stream()
				.filter(change -> change.field().equals("status"))
				.map(change -> Status.fromLabel(change.oldValue()))
				.findFirst()
				.orElseThrow();
			clock = moveTo(clock, before, ticket.status(), at);
		}
		clocks.update(clock.withBreachesOfStoppedClocks(policy), policy);
	}

	/** The first public comment by staff is the first response. */
	@EventListener
	void on(CommentAdded event) {
		if (event.comment().internal() || event.comment().authorKind() != Actor.Kind.STAFF) {
			return;
		}
		SlaClock clock = clockOf(event.ticket());
		if (clock.firstResponseAt() == null) {
			clocks.update(clock.respondedAt(event.comment().created()).withBreachesOfStoppedClocks(policy), policy);
		}
	}

	private SlaClock moveTo(SlaClock clock, Status before, Status after, Instant at) {
		if (after.isDone()) {
			return clock.resolvedAt() == null ? clock.resolved(at) : clock;
		}
		SlaClock moved = before != null && before.isDone() ? clock.reopened() : clock;
		return policy.clockStopped(after) ? moved.pause(at) : moved.resume(at, policy.calendar());
	}

	private SlaClock clockOf(Ticket ticket) {
		return clocks.findForUpdate(ticket.id()).orElseGet(() -> {
			// Tickets from before SLA tracking get a clock from their creation time.
			SlaClock clock = SlaClock.start(ticket.id(), ticket.priority(), ticket.created());
			clocks.insert(clock, policy);
			return clock;
		});
	}

}
