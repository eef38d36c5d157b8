package io.bugbridge.ticket;

import java.util.Optional;
import java.util.UUID;

import io.bugbridge.support.TestImages;
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

	@Autowired
	TicketStatistics statistics;

	@Autowired
	AttachmentProperties attachmentLimits;

	final Actor agent = new Actor("agent-1", "agent@bugbridge.example", "Agent", Actor.Kind.STAFF);

	Ticket newBug() {
		return tickets.create(new NewTicket(TicketType.BUG, "Login fails", "After the upgrade", Priority.LOW,
				"alice@acme.example", null, "cust-" + UUID.randomUUID(), "Chrome", null, null, null, null, null,
				null), new Actor("alice", "alice@acme.example", null, Actor.Kind.CUSTOMER));
	}

	/** Intake answers with the ticket it built from what it wrote; it must be what a later read shows. */
	@Test
	void theCreatedTicketIsExactlyWhatIsReadBack() {
		Actor alice = new Actor("alice", "alice@acme.example", "Alice", Actor.Kind.CUSTOMER);
		String customer = "cust-" + UUID.randomUUID();
		java.util.List<NewTicket> filed = java.util.List.of(
				new NewTicket(TicketType.BUG, "Crash on save", "Stack trace attached", Priority.CRITICAL,
						"alice@acme.example", "Alice", customer, "Firefox 128", "1. Save", "Saved", "Crash", null, null,
						null),
				new NewTicket(TicketType.FEATURE, "Dark mode", "Please", null, "alice@acme.example", null, customer, null,
						null, null, null, "Night shifts", "Reading at night", null),
				new NewTicket(TicketType.SUPPORT, "Invoice", "Wrong VAT", Priority.HIGH, "alice@acme.example", null,
						customer, null, null, null, null, null, null, SupportCategory.BILLING));
		for (NewTicket ticket : filed) {
			Ticket created = tickets.create(ticket, alice);

			assertThat(tickets.findById(created.id())).contains(created);
		}
	}

	/**
	 * Ten intakes at once, each with five large screenshots, all succeed (H2 used to time out on the
	 * ticket_count row, whose lock each was holding while writing its attachments), and the counts
	 * stay exact. 1 MB files keep the test quick; the service holds each file once (the request's
	 * byte array, handed on without copies), so memory grows with the files in flight, not more.
	 */
	@Test
	void concurrentIntakesWithLargeAttachmentsAllSucceedAndKeepTheCountsExact() throws Exception {
		byte[] screenshot = java.util.Arrays.copyOf(TestImages.png(), 1024 * 1024);
		int intakes = 10;
		java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(intakes);
		java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(intakes);
		String marker = "bulk-" + UUID.randomUUID();
		try {
			java.util.List<java.util.concurrent.Future<Ticket>> filed = new java.util.ArrayList<>();
			for (int i = 0; i < intakes; i++) {
				int n = i;
				filed.add(pool.submit(() -> {
					java.util.List<NewAttachment> files = new java.util.ArrayList<>();
					for (int f = 0; f < 5; f++) {
						files.add(new NewAttachment("screen-" + f + ".png", "image/png", screenshot));
					}
					start.await(30, java.util.concurrent.TimeUnit.SECONDS);
					return tickets.create(new NewTicket(TicketType.SUPPORT, marker + " " + n, "Many screenshots",
							Priority.MEDIUM, "alice@acme.example", null, "cust-" + UUID.randomUUID(), "Chrome", null,
							null, null, null, null, null), files,
							new Actor("alice", "alice@acme.example", null, Actor.Kind.CUSTOMER));
				}));
			}
			for (java.util.concurrent.Future<Ticket> each : filed) {
				Ticket ticket = each.get(120, java.util.concurrent.TimeUnit.SECONDS);
				assertThat(tickets.attachments(ticket)).hasSize(5)
					.allSatisfy(attachment -> assertThat(attachment.size()).isEqualTo(screenshot.length));
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(tickets.recount()).as("count rows that were off").isZero();
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
	void rekeyingKeepsEveryOldKeyResolving() {
		Ticket ticket = newBug();
		String tracker = "TRK" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 100000);

		Ticket moved = tickets.rekey(ticket.key(), tracker + "-1", agent, Origin.TRACKER);
		tickets.rekey(moved.key(), tracker + "-2", agent, Origin.TRACKER);

		assertThat(tickets.get(ticket.key()).key()).isEqualTo(tracker + "-2");
		assertThat(tickets.get(tracker + "-1").id()).isEqualTo(ticket.id());
		assertThat(tickets.history(tickets.get(tracker + "-2")))
			.filteredOn(h -> "key".equals(h.field()))
			.extracting(HistoryEntry::newValue)
			.containsExactly(tracker + "-1", tracker + "-2");
		TicketUpdated event = events.stream(TicketUpdated.class).reduce((a, b) -> b).orElseThrow();
		assertThat(event.changed("key")).isTrue();
		assertThat(event.origin()).isEqualTo(Origin.TRACKER);
	}

	@Test
	void aTrackerKeyHeldByAnOlderTicketGoesToTheTrackersIssue() {
		// A ticket filed before the tracker was connected has a key the tracker later hands out.
		Ticket older = newBug();
		Ticket synced = newBug();
		String olderKey = older.key();

		tickets.rekey(synced.key(), olderKey, agent, Origin.TRACKER);

		assertThat(tickets.get(olderKey).id()).isEqualTo(synced.id());
		Ticket displaced = tickets.findById(older.id()).orElseThrow();
		assertThat(displaced.key()).isNotEqualTo(olderKey);
		assertThat(tickets.get(displaced.key()).id()).isEqualTo(older.id());
		assertThat(tickets.history(displaced)).anySatisfy(h -> {
			assertThat(h.field()).isEqualTo("key");
			assertThat(h.oldValue()).isEqualTo(olderKey);
		});
	}

	@Test
	void aTicketFiledInTheTrackerKeepsTheTrackersKeyAndStateAndUrgentBugsAreAnnounced() {
		String key = "TRK" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 100000) + "-7";
		NewTicket filed = new NewTicket(TicketType.BUG, "Down", "All down", Priority.CRITICAL, "ann@acme.example",
				"Ann", null, null, null, null, null, null, null, null);

		Ticket ticket = tickets.createFromTracker(new TrackedTicket(filed, key, "jira", Status.IN_PROGRESS,
				"dan@acme.example"), agent);

		assertThat(ticket.key()).isEqualTo(key);
		assertThat(ticket.status()).isEqualTo(Status.IN_PROGRESS);
		assertThat(ticket.assigneeEmail()).isEqualTo("dan@acme.example");
		assertThat(ticket.source()).isEqualTo("jira");
		assertThat(events.stream(TicketCreated.class).filter(e -> e.ticket().id() == ticket.id()))
			.singleElement()
			.satisfies(e -> assertThat(e.origin()).isEqualTo(Origin.TRACKER));
		assertThat(events.stream(UrgentBugFiled.class).filter(e -> e.ticket().id() == ticket.id())).hasSize(1);
	}

	@Test
	void theListShowsTheSamePagesAsTheFullSearch() {
		String customer = "cust-" + UUID.randomUUID();
		Actor alice = new Actor("alice", "alice@acme.example", null, Actor.Kind.CUSTOMER);
		for (int i = 0; i < 5; i++) {
			Ticket ticket = tickets.create(new NewTicket(i % 2 == 0 ? TicketType.BUG : TicketType.SUPPORT,
					"Export " + i + " fails", "Nothing arrives", Priority.HIGH, "alice@acme.example", null, customer,
					null, null, null, null, null, null, null), alice);
			if (i == 3) {
				tickets.markDeleted(ticket.key(), agent, Origin.TRACKER);
			}
		}

		for (TicketQuery query : java.util.List.of(new TicketQuery(customer, null, null, null, null, 2, null),
				new TicketQuery(customer, "ALICE@acme.example", Status.OPEN, TicketType.BUG, null, 1, null),
				new TicketQuery(customer, null, null, null, "export", 10, null))) {
			TicketPage full = tickets.search(query);
			TicketListPage list = tickets.list(query);
			assertThat(list.tickets()).extracting(TicketListing::key)
				.containsExactlyElementsOf(full.tickets().stream().map(Ticket::key).toList());
			assertThat(list.tickets()).extracting(TicketListing::summary, TicketListing::status, TicketListing::created)
				.containsExactlyElementsOf(full.tickets().stream()
					.map(t -> org.assertj.core.groups.Tuple.tuple(t.summary(), t.status(), t.created()))
					.toList());
			assertThat(list.total()).isEqualTo(full.total());
			assertThat(list.nextCursor()).isEqualTo(full.nextCursor());
		}
		assertThat(tickets.list(new TicketQuery(customer, null, null, null, null, 10, null)).total()).isEqualTo(4);
		TicketListPage second = tickets.list(new TicketQuery(customer, null, null, null, null, 3,
				tickets.list(new TicketQuery(customer, null, null, null, null, 3, null)).nextCursor()));
		assertThat(second.tickets()).extracting(TicketListing::summary).containsExactly("Export 0 fails");
		assertThat(second.nextCursor()).isNull();
	}

	@Test
	void deletedTicketsDisappearFromEveryView() {
		Ticket ticket = newBug();

		tickets.markDeleted(ticket.key(), agent, Origin.TRACKER);

		assertThat(tickets.findByKey(ticket.key())).isEmpty();
		assertThat(tickets.search(new TicketQuery(ticket.customerId(), null, null, null, null, 10, null)).total())
			.isZero();
		assertThat(tickets.findById(ticket.id())).isPresent();
	}

	@Test
	void commentsCanBeEditedAndDeletedAsTheTrackerDid() {
		Ticket ticket = newBug();
		Comment comment = tickets.addComment(ticket.key(), NewComment.publicComment("draft"), agent, Origin.TRACKER);

		tickets.updateComment(comment.id(), "final", true, agent, Origin.TRACKER);
		assertThat(tickets.comments(ticket, true)).extracting(Comment::body, Comment::internal)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("final", true));

		tickets.deleteComment(comment.id(), agent, Origin.TRACKER);
		assertThat(tickets.comments(ticket, true)).isEmpty();
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

	@Test
	void attachesImagesRecognisedByTheirBytesNotTheirNames() {
		Ticket ticket = newBug();
		byte[] jpeg = TestImages.jpeg();

		Attachment stored = tickets.addAttachment(ticket.key(), new NewAttachment("../../etc/photo.png", "image/png", jpeg), agent);
		Attachment gif = tickets.addAttachment(ticket.key(), new NewAttachment("anim.gif", "image/png", TestImages.gif()), agent);
		Attachment webp = tickets.addAttachment(ticket.key(), new NewAttachment("", "image/png", TestImages.webpHeader()), agent);

		assertThat(stored.contentType()).isEqualTo("image/jpeg");
		assertThat(stored.fileName()).as("no directories; the extension says what it is").isEqualTo("photo.jpg");
		assertThat(stored.size()).isEqualTo(jpeg.length);
		assertThat(stored.uploadedBy()).isEqualTo("agent@bugbridge.example");
		assertThat(gif.contentType()).isEqualTo("image/gif");
		assertThat(webp.contentType()).isEqualTo("image/webp");
		assertThat(webp.fileName()).isEqualTo("screenshot.webp");
		assertThat(tickets.attachments(ticket)).extracting(Attachment::id)
			.containsExactly(stored.id(), gif.id(), webp.id());
		assertThat(tickets.attachmentContent(stored.id()).orElseThrow()).isEqualTo(jpeg);
		assertThat(tickets.findAttachment(stored.id()).orElseThrow().ticketId()).isEqualTo(ticket.id());
		assertThat(tickets.history(ticket)).extracting(HistoryEntry::action).contains("attached");
		assertThat(events.stream(AttachmentAdded.class).filter(e -> e.ticket().id() == ticket.id()).count())
			.isEqualTo(3);
	}

	@Test
	void refusesFilesThatAreNotAcceptedImagesWhateverTheyAreCalled() {
		Ticket ticket = newBug();
		byte[] script = "<script>alert(1)</script>".getBytes(java.nio.charset.StandardCharsets.UTF_8);
		byte[] svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"/>".getBytes(java.nio.charset.StandardCharsets.UTF_8);

		assertThatThrownBy(() -> tickets.addAttachment(ticket.key(), new NewAttachment("screen.png", "image/png", script), agent))
			.isInstanceOfSatisfying(AttachmentRejectedException.class,
					ex -> assertThat(ex.getStatusCode().value()).isEqualTo(415));
		assertThatThrownBy(() -> tickets.addAttachment(ticket.key(), new NewAttachment("logo.svg", "image/png", svg), agent))
			.isInstanceOf(AttachmentRejectedException.class);
		assertThatThrownBy(() -> tickets.addAttachment(ticket.key(), new NewAttachment("empty.png", "image/png", new byte[0]), agent))
			.isInstanceOf(AttachmentRejectedException.class);
		assertThat(tickets.attachments(ticket)).isEmpty();
	}

	@Test
	void storesFilesUpToTheSizeLimitAndRefusesLargerOnes() {
		Ticket ticket = newBug();
		int limit = (int) attachmentLimits.maxSize().toBytes();
		byte[] largest = java.util.Arrays.copyOf(TestImages.png(), limit);
		byte[] tooLarge = java.util.Arrays.copyOf(TestImages.png(), limit + 1);

		Attachment stored = tickets.addAttachment(ticket.key(), new NewAttachment("big.png", "image/png", largest), agent);

		assertThat(tickets.attachmentContent(stored.id()).orElseThrow()).hasSize(limit);
		assertThatThrownBy(() -> tickets.addAttachment(ticket.key(), new NewAttachment("huge.png", "image/png", tooLarge), agent))
			.isInstanceOfSatisfying(AttachmentRejectedException.class, ex -> {
				assertThat(ex.getStatusCode().value()).isEqualTo(413);
				assertThat(ex.reason()).contains("5 MB");
			});
	}

	@Test
	void aTicketWhoseAttachmentIsRefusedIsNotFiled() {
		String summary = "Refused attachment " + UUID.randomUUID();
		NewTicket bug = new NewTicket(TicketType.BUG, summary, "d", Priority.LOW, "alice@acme.example", null,
				"cust-" + UUID.randomUUID(), null, null, null, null, null, null, null);
		Actor alice = new Actor("alice", "alice@acme.example", null, Actor.Kind.CUSTOMER);

		assertThatThrownBy(() -> tickets.create(bug, java.util.List.of(new NewAttachment("ok.png", "image/png", TestImages.png()),
				new NewAttachment("notes.png", "image/png", "text".getBytes(java.nio.charset.StandardCharsets.UTF_8))), alice))
			.isInstanceOf(AttachmentRejectedException.class);
		assertThat(tickets.search(new TicketQuery(bug.customerId(), null, null, null, null, 10, null)).total()).isZero();

		Ticket filed = tickets.create(bug, java.util.List.of(new NewAttachment("ok.png", "image/png", TestImages.png())), alice);
		assertThat(tickets.attachments(filed)).hasSize(1);
	}

	@Test
	void countsTicketsOpenedAndResolvedPerUtcDay() {
		java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
		var before = statistics.openedAndResolvedPerDay(today.minusDays(29), today);
		Ticket resolvedThenClosed = newBug();
		Ticket stillOpen = newBug();
		tickets.update(resolvedThenClosed.key(), TicketUpdate.status(Status.RESOLVED), agent, Origin.LOCAL);
		tickets.update(resolvedThenClosed.key(), TicketUpdate.status(Status.CLOSED), agent, Origin.LOCAL);
		tickets.update(stillOpen.key(), TicketUpdate.status(Status.IN_PROGRESS), agent, Origin.LOCAL);

		var after = statistics.openedAndResolvedPerDay(today.minusDays(29), today);

		assertThat(after).hasSize(30);
		assertThat(after.get(0).day()).isEqualTo(today.minusDays(29));
		assertThat(after.get(29).day()).isEqualTo(today);
		assertThat(after.get(29).opened() - before.get(29).opened()).isEqualTo(2);
		assertThat(after.get(29).resolved() - before.get(29).resolved())
			.as("resolved then closed counts once").isEqualTo(1);
		assertThat(after.subList(0, 29)).isEqualTo(before.subList(0, 29));
	}

}
