package io.bugbridge.ticket;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import io.bugbridge.config.BugBridgeProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Files tickets, adds comments and answers queries, all against the local store. Each write is one
 * transaction: a ticket is stored with its key, alias and history entry, or not at all.
 */
@Service
@Transactional
public class TicketService {

	static final String SOURCE_PORTAL = "portal";

	private final TicketRepository tickets;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final String projectKey;

	private final TicketKeyFormat keyFormat;

	private final AttachmentPolicy attachmentPolicy;

	private final java.time.Duration reopenWindow;

	private final AttachmentWrites attachmentWrites;

	private final TransactionTemplate transactions;

	TicketService(TicketRepository tickets, ApplicationEventPublisher events, Clock clock,
			BugBridgeProperties properties, ObjectProvider<TicketKeyFormat> keyFormat,
			AttachmentPolicy attachmentPolicy, AttachmentWrites attachmentWrites,
			PlatformTransactionManager transactionManager,
			@org.springframework.beans.factory.annotation.Value("${bugbridge.support.reopen-window:7d}") java.time.Duration reopenWindow) {
		this.reopenWindow = reopenWindow;
		this.attachmentWrites = attachmentWrites;
		this.transactions = new TransactionTemplate(transactionManager);
		this.tickets = tickets;
		this.events = events;
		this.clock = clock;
		this.projectKey = properties.projectKey();
		// Resolved here rather than by a conditional bean: a tracker's format wins whenever it exists.
		this.keyFormat = keyFormat.getIfAvailable(() -> TicketKeyFormat.DEFAULT);
		this.attachmentPolicy = attachmentPolicy;
	}

	public Ticket create(NewTicket newTicket, Actor actor) {
		Instant now = now();
		String key = newKey();
		long id = tickets.insert(key, newTicket, actor.subject(), SOURCE_PORTAL, now);
		tickets.insertHistory(id, actor, "created", null, null, null, now);
		Ticket ticket = TicketRepository.inserted(id, key, newTicket, SOURCE_PORTAL, now);
		published(ticket, Origin.LOCAL);
		return ticket;
	}

	/**
	 * Files a ticket with its attachments in one transaction: when one file is refused
	 * ({@link AttachmentRejectedException}), no ticket is filed. With files, the transaction starts
	 * once {@link AttachmentWrites} admits it, so a waiting upload holds no database connection.
	 */
	@Transactional(propagation = Propagation.SUPPORTS)
	public Ticket create(NewTicket newTicket, List<NewAttachment> files, Actor actor) {
		attachmentPolicy.checkCount(0, files.size());
		files.forEach(attachmentPolicy::check);
		if (files.isEmpty()) {
			return transactions.execute(status -> create(newTicket, actor));
		}
		return attachmentWrites.run(() -> transactions.execute(status -> {
			Ticket ticket = create(newTicket, actor);
			for (NewAttachment file : files) {
				addAttachment(ticket.key(), file, actor, Origin.LOCAL);
			}
			return tickets.findById(ticket.id()).orElseThrow();
		}));
	}

	/**
	 * Checks a file as {@link #addAttachment} would, without storing it: a form can report every
	 * problem at once. Returns the recognised type, or throws {@link AttachmentRejectedException}.
	 */
	@Transactional(propagation = org.springframework.transaction.annotation.Propagation.SUPPORTS)
	public ImageType checkAttachment(NewAttachment file) {
		return attachmentPolicy.check(file);
	}

	/**
	 * Stores a ticket that was first filed in the tracker, under the tracker's key. Should another
	 * ticket answer to that key (one filed before the tracker was connected), the tracker's key is
	 * taken from it: see {@link #rekey}.
	 */
	public Ticket createFromTracker(TrackedTicket tracked, Actor actor) {
		Instant now = now();
		String key = tracked.key().trim().toUpperCase(Locale.ROOT);
		releaseKey(key, null, actor, now);
		long id = tickets.insert(key, tracked.ticket(), actor.subject(), tracked.source(), tracked.status(),
				tracked.assigneeEmail(), now);
		tickets.insertHistory(id, actor, "created", null, null, null, now);
		Ticket ticket = tickets.findById(id).orElseThrow();
		published(ticket, Origin.TRACKER);
		return ticket;
	}

	/**
	 * Gives a ticket a new key (the tracker's, once it has the ticket, or a new one after the issue
	 * moved project). Every key the ticket had keeps resolving to it, except one the tracker later
	 * hands to another issue: a key means one ticket, and the tracker's issue wins it.
	 */
	public Ticket rekey(String key, String newKey, Actor actor, Origin origin) {
		Ticket current = tickets.findByIdForUpdate(get(key).id()).orElseThrow(() -> new TicketNotFoundException(key));
		String wanted = newKey.trim().toUpperCase(Locale.ROOT);
		if (current.key().equals(wanted)) {
			return current;
		}
		Instant now = now();
		releaseKey(wanted, current.id(), actor, now);
		tickets.setKey(current.id(), wanted, now);
		if (tickets.aliasOwner(wanted).isEmpty()) {
			tickets.insertAlias(wanted, current.id());
		}
		tickets.insertHistory(current.id(), actor, "updated", "key", current.key(), wanted, now);
		Ticket updated = tickets.findById(current.id()).orElseThrow();
		events.publishEvent(new TicketUpdated(updated, List.of(new FieldChange("key", current.key(), wanted)), actor,
				origin));
		return updated;
	}

	/**
	 * Files a ticket under a customer account, or under none: for tickets made in the tracker,
	 * whose customer is set there (a customer sees the ticket only once it carries their id).
	 */
	public Ticket setCustomer(String key, String customerId, Actor actor, Origin origin) {
		Ticket current = tickets.findByIdForUpdate(get(key).id()).orElseThrow(() -> new TicketNotFoundException(key));
		String wanted = customerId == null || customerId.isBlank() ? null : customerId.trim();
		if (Objects.equals(current.customerId(), wanted)) {
			return current;
		}
		Instant now = now();
		tickets.setCustomer(current.id(), wanted, now);
		tickets.insertHistory(current.id(), actor, "updated", "customer", current.customerId(), wanted, now);
		Ticket updated = tickets.findById(current.id()).orElseThrow();
		events.publishEvent(new TicketUpdated(updated,
				List.of(new FieldChange("customer", current.customerId(), wanted)), actor, origin));
		return updated;
	}

	/** Hides a ticket from every view (its tracker issue was deleted); rows and history stay. */
	public void markDeleted(String key, Actor actor, Origin origin) {
		findByKey(key).ifPresent(ticket -> {
			Instant now = now();
			tickets.markDeleted(ticket, now);
			tickets.insertHistory(ticket.id(), actor, "deleted", null, null, null, now);
			events.publishEvent(new TicketDeleted(tickets.findById(ticket.id()).orElseThrow(), actor, origin));
		});
	}

	/** A ticket by its internal id, deleted or not: for modules that keep their own links to tickets. */
	@Transactional(readOnly = true)
	public Optional<Ticket> findById(long id) {
		return tickets.findById(id);
	}

	private String newKey() {
		return keyFormat.keyFor(projectKey, tickets.nextTicketNumber());
	}

	private void published(Ticket ticket, Origin origin) {
		events.publishEvent(new TicketCreated(ticket, origin));
		if (ticket.type() == TicketType.BUG && ticket.priority().isUrgent()) {
			events.publishEvent(new UrgentBugFiled(ticket, origin));
		}
	}

	/**
	 * Provisional keys ({@code AURA-P23}) are made here, once, for one ticket: they are never handed
	 * to another ticket, so a provisional key a customer was given keeps naming that ticket alone.
	 */
	static final java.util.regex.Pattern PROVISIONAL = java.util.regex.Pattern.compile("[A-Z][A-Z0-9_]*-P\\d+");

	public static boolean isProvisional(String key) {
		return key != null && PROVISIONAL.matcher(key.trim().toUpperCase(Locale.ROOT)).matches();
	}

	/** Frees {@code key} for ticket {@code keeper} (null: a ticket about to be created). */
	private void releaseKey(String key, Long keeper, Actor actor, Instant now) {
		Optional<Long> holder = tickets.aliasOwner(key);
		if (holder.isEmpty() || holder.get().equals(keeper)) {
			return;
		}
		if (isProvisional(key)) {
			throw new IllegalArgumentException("The provisional key " + key
					+ " belongs to another ticket and is never given away");
		}
		long other = holder.get();
		tickets.deleteAlias(key);
		Ticket displaced = tickets.findById(other).orElseThrow();
		if (displaced.key().equals(key)) {
			String replacement = newKey();
			tickets.setKey(other, replacement, now);
			tickets.insertAlias(replacement, other);
			tickets.insertHistory(other, actor, "updated", "key", key, replacement, now);
		}
		else {
			tickets.insertHistory(other, actor, "updated", "alias", key, null, now);
		}
	}

	@Transactional(readOnly = true)
	public Optional<Ticket> findByKey(String key) {
		if (key == null || key.isBlank()) {
			return Optional.empty();
		}
		return tickets.findByKey(key.trim().toUpperCase(Locale.ROOT));
	}

	/** Tickets by id, in the order of the ids given; unknown and deleted ids are skipped. */
	@Transactional(readOnly = true)
	public List<Ticket> findAllById(List<Long> ids) {
		return tickets.findAllById(ids);
	}

	/** Tickets with ids above {@code afterId}, in id order, at most {@code limit}. */
	@Transactional(readOnly = true)
	public List<Ticket> scan(long afterId, int limit) {
		return tickets.scan(afterId, limit);
	}

	/** Comments of several tickets at once, keyed by ticket id, each list oldest first. */
	@Transactional(readOnly = true)
	public java.util.Map<Long, List<Comment>> comments(List<Long> ticketIds, boolean includeInternal) {
		return tickets.comments(ticketIds, includeInternal);
	}

	/** The ticket, or {@link TicketNotFoundException}. */
	@Transactional(readOnly = true)
	public Ticket get(String key) {
		return findByKey(key).orElseThrow(() -> new TicketNotFoundException(key));
	}

	@Transactional(readOnly = true)
	public TicketPage search(TicketQuery query) {
		return tickets.search(query);
	}

	/** The same page as {@link #search}, with only the fields a ticket list shows; cheaper at scale. */
	@Transactional(readOnly = true)
	public TicketListPage list(TicketQuery query) {
		return tickets.list(query);
	}

	/**
	 * Applies the changes that differ from the ticket's current values, records one history entry
	 * per changed field and publishes {@link TicketUpdated}. Local changes must follow the status
	 * workflow; changes from the tracker are applied as the tracker has them.
	 */
	public Ticket update(String key, TicketUpdate update, Actor actor, Origin origin) {
		Ticket current = tickets.findByIdForUpdate(get(key).id()).orElseThrow(() -> new TicketNotFoundException(key));
		Status status = update.status() != null ? update.status() : current.status();
		if (origin == Origin.LOCAL && !current.status().canMoveTo(status)) {
			throw new IllegalStatusChangeException(current.key(), current.status(), status);
		}
		Priority priority = update.priority() != null ? update.priority() : current.priority();
		String assignee = update.assigneeEmail() != null ? update.assigneeEmail().map(String::trim).orElse(null)
				: current.assigneeEmail();
		String summary = update.summary() != null ? update.summary() : current.summary();
		String description = update.description() != null ? update.description() : current.description();

		List<FieldChange> changes = new ArrayList<>();
		compare(changes, "status", current.status(), status);
		compare(changes, "priority", current.priority(), priority);
		compare(changes, "assignee", current.assigneeEmail(), assignee);
		compare(changes, "summary", current.summary(), summary);
		compare(changes, "description", current.description(), description);
		if (changes.isEmpty()) {
			return current;
		}
		Instant now = now();
		tickets.update(current, status, priority, assignee, summary, description, now);
		for (FieldChange change : changes) {
			tickets.insertHistory(current.id(), actor, "updated", change.field(), change.oldValue(), change.newValue(),
					now);
		}
		if (actor.kind() == Actor.Kind.STAFF && status != current.status() && status.isDone()) {
			// Staff closed the matter: the customer's last reply counts as dealt with.
			tickets.clearCustomerReplied(current.id());
		}
		Ticket updated = tickets.findById(current.id()).orElseThrow();
		events.publishEvent(new TicketUpdated(updated, List.copyOf(changes), actor, origin));
		return updated;
	}

	public Comment addComment(String key, NewComment newComment, Actor author) {
		return addComment(key, newComment, author, Origin.LOCAL);
	}

	/**
	 * Adds a comment. A public reply by the customer (made here, not in the tracker) is never lost:
	 * the ticket is flagged "customer replied" until staff answer publicly, and it goes back to the
	 * team (see {@link #replyEffect}); the status change mirrors to the tracker like any other.
	 */
	public Comment addComment(String key, NewComment newComment, Actor author, Origin origin) {
		Ticket ticket = get(key);
		Instant now = now();
		long commentId = tickets.insertComment(ticket.id(), author, newComment, now);
		tickets.touch(ticket.id(), "commented", now);
		tickets.insertHistory(ticket.id(), author, "commented", "comment", null,
				newComment.internal() ? "internal comment" : "public comment", now);
		if (!newComment.internal() && author.kind() == Actor.Kind.CUSTOMER && origin == Origin.LOCAL) {
			tickets.markCustomerReplied(ticket.id(), now);
			ReplyEffect effect = replyEffect(ticket);
			if (effect.reopensTo() != null) {
				update(ticket.key(), new TicketUpdate(effect.reopensTo(), null, null, null, null), author, origin);
			}
		}
		else if (!newComment.internal() && author.kind() == Actor.Kind.STAFF) {
			tickets.clearCustomerReplied(ticket.id());
		}
		Comment comment = tickets.comments(ticket.id(), true)
			.stream()
			.filter(c -> c.id() == commentId)
			.findFirst()
			.orElseThrow();
		events.publishEvent(new CommentAdded(tickets.findById(ticket.id()).orElseThrow(), comment, origin));
		return comment;
	}

	/**
	 * What a customer's reply does to the ticket's status. Waiting for Customer: the ball is back
	 * with the team. Resolved: reopened within {@code bugbridge.support.reopen-window} of its
	 * resolution; after that the reply stays on the ticket (still flagged) and a new, linked ticket
	 * is offered instead. Closed stays closed. Back to the team means In Progress when someone is
	 * assigned (it returns to their queue), Open when nobody is (it returns to triage).
	 */
	@Transactional(readOnly = true)
	public ReplyEffect replyEffect(Ticket ticket) {
		Status back = ticket.assigneeEmail() != null ? Status.IN_PROGRESS : Status.OPEN;
		return switch (ticket.status()) {
			case WAITING_FOR_CUSTOMER -> new ReplyEffect(back, false);
			case RESOLVED -> {
				Instant resolved = tickets.lastResolvedAt(ticket.id()).orElse(ticket.updated());
				boolean within = !now().isAfter(resolved.plus(reopenWindow));
				yield within ? new ReplyEffect(back, false) : new ReplyEffect(null, true);
			}
			case CLOSED -> new ReplyEffect(null, true);
			default -> new ReplyEffect(null, false);
		};
	}

	/**
	 * @param reopensTo the status a customer's reply moves the ticket to; null when it stays
	 * @param followUpOffered the ticket stays done: a new ticket linked to it is the way to go on
	 */
	public record ReplyEffect(Status reopensTo, boolean followUpOffered) {
	}

	/** Tickets answered by their customer and not yet by staff, with the time of that reply. */
	@Transactional(readOnly = true)
	/**
	 * Records something done about a ticket that changes none of its fields (its tracker sync
	 * retried): in the history only, so no new version and no change event.
	 */
	public void recordAction(long ticketId, Actor actor, String action, String detail) {
		tickets.insertHistory(ticketId, actor, action, null, null, detail, now());
	}

	/** Tickets whose customer replied and staff have not answered yet, latest reply first. */
	@Transactional(readOnly = true)
	public List<Long> customerReplied(int limit) {
		return tickets.customerReplied(limit);
	}

	public java.util.Map<Long, Instant> customerReplies(List<Long> ticketIds) {
		return tickets.customerReplies(ticketIds);
	}

	/** Ticket counts by type, status and priority (combinations with no tickets left out). */
	@Transactional(readOnly = true)
	public List<TicketCount> counts() {
		return tickets.counts();
	}

	/** Repairs the counts from the tickets; returns how many type/status/priority combinations were off. */
	public int recount() {
		return tickets.recount();
	}

	/** Changes committed after {@code seq}, oldest first: the feed search indexes and dashboards follow. */
	@Transactional(readOnly = true)
	public List<TicketChange> changesAfter(long seq, int limit) {
		return tickets.changesAfter(seq, limit);
	}

	/** Those of the given feed entries that have committed, oldest first (at most a few hundred at once). */
	@Transactional(readOnly = true)
	public List<TicketChange> changesAmong(java.util.Collection<Long> seqs) {
		return seqs.isEmpty() ? List.of() : tickets.changesAmong(seqs);
	}

	/** The lowest and highest sequence numbers still in the change feed (0 when empty). */
	@Transactional(readOnly = true)
	public TicketChange.Range changeFeedRange() {
		return new TicketChange.Range(tickets.oldestChangeSeq(), tickets.latestChangeSeq());
	}

	public int pruneChangesBefore(Instant cutoff) {
		return tickets.pruneChangesBefore(cutoff);
	}

	/**
	 * Adds (or with a negative delta removes) votes of a feature request. Votes do not count as an
	 * update of the ticket: its {@code updated} time and history stay as they are.
	 */
	public Ticket addVotes(long ticketId, int delta) {
		tickets.addVotes(ticketId, delta, now());
		return tickets.findById(ticketId).orElseThrow();
	}

	/** Records that {@code fromKey} relates to {@code toKey} (e.g. is a duplicate of it); repeating is harmless. */
	public TicketLink link(String fromKey, String kind, String toKey, Actor actor) {
		Ticket from = get(fromKey);
		Ticket to = get(toKey);
		Instant now = now();
		tickets.insertLink(from.id(), kind, to.id(), actor.historyName(), now);
		tickets.insertHistory(from.id(), actor, "linked", kind, null, to.key(), now);
		tickets.touch(from.id(), "linked", now);
		return new TicketLink(kind, from.key(), to.key(), actor.historyName(), now);
	}

	@Transactional(readOnly = true)
	public List<TicketLink> links(Ticket ticket) {
		return tickets.links(ticket.id());
	}

	/** A comment by id, for modules that keep their own links to comments. */
	@Transactional(readOnly = true)
	public Optional<Comment> findComment(long commentId) {
		return tickets.comment(commentId);
	}

	/** Replaces a comment's text (and visibility), as edited in the tracker. */
	public Optional<Comment> updateComment(long commentId, String body, boolean internal, Actor actor,
			Origin origin) {
		Optional<Comment> current = tickets.comment(commentId);
		current.filter(c -> !c.body().equals(body) || c.internal() != internal).ifPresent(c -> {
			Instant now = now();
			tickets.updateComment(commentId, body, internal, now);
			tickets.touch(c.ticketId(), "commented", now);
			tickets.insertHistory(c.ticketId(), actor, "updated", "comment", null, null, now);
		});
		return tickets.comment(commentId);
	}

	/** Removes a comment, as deleted in the tracker. */
	public void deleteComment(long commentId, Actor actor, Origin origin) {
		tickets.comment(commentId).ifPresent(c -> {
			Instant now = now();
			tickets.deleteComment(commentId);
			tickets.touch(c.ticketId(), "commented", now);
			tickets.insertHistory(c.ticketId(), actor, "deleted", "comment", null, null, now);
		});
	}

	/**
	 * Attaches a file (a screenshot) after checking it: only PNG, JPEG, GIF and WebP images,
	 * recognised by their bytes whatever the name or claimed type says (the stored type is the
	 * recognised one), up to the configured size and number per ticket. Publishes
	 * {@link AttachmentAdded}.
	 */
	/** A customer's or admin's upload: stored once {@link AttachmentWrites} admits it. */
	@Transactional(propagation = Propagation.SUPPORTS)
	public Attachment addAttachment(String key, NewAttachment file, Actor actor) {
		return attachmentWrites.run(() -> transactions.execute(status -> addAttachment(key, file, actor, Origin.LOCAL)));
	}

	public Attachment addAttachment(String key, NewAttachment file, Actor actor, Origin origin) {
		ImageType type = attachmentPolicy.check(file);
		Ticket ticket = tickets.findByIdForUpdate(get(key).id()).orElseThrow(() -> new TicketNotFoundException(key));
		attachmentPolicy.checkCount(tickets.attachments(ticket.id()).size(), 1);
		Instant now = now();
		NewAttachment checked = new NewAttachment(AttachmentPolicy.cleanName(file.fileName(), type), type.mediaType(),
				file.content());
		long id = tickets.insertAttachment(ticket.id(), checked, actor.historyName(), now);
		tickets.touch(ticket.id(), "attached", now);
		tickets.insertHistory(ticket.id(), actor, "attached", "attachment", null, checked.fileName(), now);
		Attachment attachment = tickets.attachment(id).orElseThrow();
		events.publishEvent(new AttachmentAdded(tickets.findById(ticket.id()).orElseThrow(), attachment, origin));
		return attachment;
	}

	/** The ticket's attachments, oldest first, without their content. */
	@Transactional(readOnly = true)
	public List<Attachment> attachments(Ticket ticket) {
		return tickets.attachments(ticket.id());
	}

	@Transactional(readOnly = true)
	public Optional<Attachment> findAttachment(long attachmentId) {
		return tickets.attachment(attachmentId);
	}

	@Transactional(readOnly = true)
	public Optional<byte[]> attachmentContent(long attachmentId) {
		return tickets.attachmentContent(attachmentId);
	}

	/** Comments oldest first; internal ones only when asked for, which customer views never do. */
	@Transactional(readOnly = true)
	public List<Comment> comments(Ticket ticket, boolean includeInternal) {
		return tickets.comments(ticket.id(), includeInternal);
	}

	@Transactional(readOnly = true)
	public List<HistoryEntry> history(Ticket ticket) {
		return tickets.history(ticket.id());
	}

	private static void compare(List<FieldChange> changes, String field, Object before, Object after) {
		if (!Objects.equals(before, after)) {
			changes.add(new FieldChange(field, before == null ? null : before.toString(),
					after == null ? null : after.toString()));
		}
	}

	private Instant now() {
		// Millisecond precision is what both databases and the page cursors round-trip exactly.
		return clock.instant().truncatedTo(ChronoUnit.MILLIS);
	}

}
