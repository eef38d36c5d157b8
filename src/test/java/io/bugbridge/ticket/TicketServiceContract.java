package io.bugbridge.ticket;

import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ticket store's write rules. Runs once per database: see the subclasses. */
@RecordApplicationEvents
abstract class TicketServiceContract {

	@Autowired
	TicketService tickets;

	@Autowired
	ApplicationEvents events;

	final Actor agent = new Actor("agent-1", "agent@bugbridge.example", "Agent", Actor.Kind.STAFF);

	Ticket newBug() {
		return tickets.create(new NewTicket(TicketType.BUG, "Login fails", "After the upgrade", Priority.LOW,
				"alice@acme.example", null, "cust-" + UUID.randomUUID(), "Chrome", null, null, null, null, null,
				null), new Actor("alice", "alice@acme.example", null, Actor.Kind.CUSTOMER));
	}

	@Test
	void updatesOnlyWhatChangedAndRecordsEachField() {
		Ticket ticket = newBug();

		Ticket updated = tickets.update(ticket.key(), new TicketUpdate(Status.IN_PROGRESS, Priority.LOW,
				Optional.of("dev@bugbridge.example"), null, null), agent, Origin.LOCAL);

		assertThat(updated.status()).isEqualTo(Status.IN_PROGRESS);
		assertThat(updated.assigneeEmail()).isEqualTo("dev@bugbridge.example");
		assertThat(updated.updated()).isAfterOrEqualTo(ticket.updated());
		assertThat(updated.version()).isGreaterThan(ticket.version());
		assertThat(tickets.history(updated)).extracting(h -> h.action() + ":" + h.field() + ":" + h.oldValue() + "->"
				+ h.newValue() + " by " + h.actor())
			.containsExactly("created:null:null->null by alice@acme.example",
					"updated:status:Open->In Progress by agent@bugbridge.example",
					"updated:assignee:null->dev@bugbridge.example by agent@bugbridge.example");
		TicketUpdated event = events.stream(TicketUpdated.class).reduce((a, b) -> b).orElseThrow();
		assertThat(event.ticket().key()).isEqualTo(ticket.key());
		assertThat(event.changed("status")).isTrue();
		assertThat(event.changed("priority")).isFalse();
		assertThat(event.origin()).isEqualTo(Origin.LOCAL);
	}

	@Test
	void anUpdateThatChangesNothingLeavesNoTrace() {
		Ticket ticket = newBug();
		long before = events.stream(TicketUpdated.class).count();

		Ticket same = tickets.update(ticket.key(), TicketUpdate.priority(Priority.LOW), agent, Origin.LOCAL);

		assertThat(same.version()).isEqualTo(ticket.version());
		assertThat(tickets.history(same)).hasSize(1);
		assertThat(events.stream(TicketUpdated.class).count()).isEqualTo(before);
	}

	@Test
	void aClosedTicketCanOnlyBeReopened() {
		Ticket ticket = newBug();
		tickets.update(ticket.key(), TicketUpdate.status(Status.CLOSED), agent, Origin.LOCAL);

		assertThatThrownBy(() -> tickets.update(ticket.key(), TicketUpdate.status(Status.IN_PROGRESS), agent,
				Origin.LOCAL))
			.isInstanceOf(IllegalStatusChangeException.class)
			.hasMessageContaining("Closed");
		assertThat(tickets.get(ticket.key()).status()).isEqualTo(Status.CLOSED);

		assertThat(tickets.update(ticket.key(), TicketUpdate.status(Status.OPEN), agent, Origin.LOCAL).status())
			.isEqualTo(Status.OPEN);
	}

	@Test
	void theTrackerOwnsStatusSoItsChangesAreAppliedAsTheyAre() {
		Ticket ticket = newBug();
		tickets.update(ticket.key(), TicketUpdate.status(Status.CLOSED), agent, Origin.LOCAL);

		Ticket synced = tickets.update(ticket.key(), TicketUpdate.status(Status.RESOLVED), Actor.SYSTEM,
				Origin.TRACKER);

		assertThat(synced.status()).isEqualTo(Status.RESOLVED);
		assertThat(events.stream(TicketUpdated.class).reduce((a, b) -> b).orElseThrow().origin())
			.isEqualTo(Origin.TRACKER);
	}

	@Test
	void unassigning() {
		Ticket ticket = newBug();
		tickets.update(ticket.key(), TicketUpdate.assignee("dev@bugbridge.example"), agent, Origin.LOCAL);

		Ticket unassigned = tickets.update(ticket.key(), TicketUpdate.assignee(null), agent, Origin.LOCAL);

		assertThat(unassigned.assigneeEmail()).isNull();
	}

	@Test
	void internalCommentsAreKeptApartFromPublicOnes() {
		Ticket ticket = newBug();
		tickets.addComment(ticket.key(), new NewComment("internal note", true), agent);
		tickets.addComment(ticket.key(), NewComment.publicComment("public reply"), agent);

		assertThat(tickets.comments(ticket, false)).extracting(Comment::body).containsExactly("public reply");
		assertThat(tickets.comments(ticket, true)).extracting(Comment::body)
			.containsExactly("internal note", "public reply");
		assertThat(events.stream(CommentAdded.class).filter(e -> e.ticket().id() == ticket.id()).count()).isEqualTo(2);
	}

}
