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
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

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

	private final AttachmentStore attachments;

	private final AttachmentPolicy attachmentPolicy;

	TicketService(TicketRepository tickets, ApplicationEventPublisher events, Clock clock,
			BugBridgeProperties properties, AttachmentStore attachments, AttachmentPolicy attachmentPolicy) {
		this.tickets = tickets;
		this.events = events;
		this.clock = clock;
		this.projectKey = properties.projectKey();
		this.attachments = attachments;
		this.attachmentPolicy = attachmentPolicy;
	}

	public Ticket create(NewTicket newTicket, Actor actor) {
		Instant now = now();
		String key = projectKey + "-" + tickets.nextTicketNumber();
		long id = tickets.insert(key, newTicket, actor.subject(), SOURCE_PORTAL, now);
		tickets.insertHistory(id, actor, "created", null, null, null, now);
		Ticket ticket = tickets.findById(id).orElseThrow();
		events.publishEvent(new TicketCreated(ticket, Origin.LOCAL));
		return ticket;
	}

	/**
	 * Files a ticket with its attachments in one transaction: when one file is refused
	 * ({@link AttachmentRejectedException}), no ticket is filed.
	 */
	public Ticket create(NewTicket newTicket, List<NewAttachment> files, Actor actor) {
		attachmentPolicy.checkCount(0, files.size());
		files.forEach(attachmentPolicy::check);
		Ticket ticket = create(newTicket, actor);
		for (NewAttachment file : files) {
			addAttachment(ticket.key(), file, actor, Origin.LOCAL);
		}
		return files.isEmpty() ? ticket : tickets.findById(ticket.id()).orElseThrow();
	}

	/**
	 * Attaches a file after checking it: only PNG, JPEG, GIF and WebP images (recognised by their
	 * bytes, whatever the name says), up to the configured size and number per ticket.
	 */
	public Attachment addAttachment(String key, NewAttachment file, Actor actor) {
		return addAttachment(key, file, actor, Origin.LOCAL);
	}

	public Attachment addAttachment(String key, NewAttachment file, Actor actor, Origin origin) {
		ImageType type = attachmentPolicy.check(file);
		Ticket ticket = tickets.findByIdForUpdate(get(key).id()).orElseThrow(() -> new TicketNotFoundException(key));
		attachmentPolicy.checkCount(attachments.count(ticket.id()), 1);
		Instant now = now();
		String name = AttachmentPolicy.cleanName(file.fileName(), type);
		long id = attachments.insert(ticket.id(), name, type, file.content(), AttachmentPolicy.sha256(file.content()),
				actor.historyName(), now);
		tickets.insertHistory(ticket.id(), actor, "attached", "attachment", null, name, now);
		tickets.touch(ticket.id(), "attached", now);
		Attachment attachment = attachments.find(id).orElseThrow();
		events.publishEvent(new AttachmentAdded(tickets.findById(ticket.id()).orElseThrow(), attachment, origin));
		return attachment;
	}

	/**
	 * Checks a file as {@link #addAttachment} would, without storing it: a form can report every
	 * problem at once. Returns the recognised type, or throws {@link AttachmentRejectedException}.
	 */
	@Transactional(propagation = org.springframework.transaction.annotation.Propagation.SUPPORTS)
	public ImageType checkAttachment(NewAttachment file) {
		return attachmentPolicy.check(file);
	}

	/** The ticket's attachments, oldest first, without their bytes. */
	@Transactional(readOnly = true)
	public List<Attachment> attachments(Ticket ticket) {
		return attachments.list(ticket.id());
	}

	/**
	 * An attachment with its bytes. Callers check that whoever asks may see the ticket
	 * ({@link Attachment#ticketId()}) before handing the bytes out.
	 */
	@Transactional(readOnly = true)
	public Optional<AttachmentData> attachment(long id) {
		return attachments.find(id)
			.flatMap(attachment -> attachments.content(id).map(content -> new AttachmentData(attachment, content)));
	}

	@Transactional(readOnly = true)
	public Optional<Ticket> findByKey(String key) {
		if (key == null || key.isBlank()) {
			return Optional.empty();
		}
		return tickets.findByKey(key.trim().toUpperCase(Locale.ROOT));
	}

	@Transactional(readOnly = true)
	public Optional<Ticket> findById(long id) {
		return tickets.findById(id);
	}

	/** Tickets by id, in the order of the ids given; unknown ids are skipped. */
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
		Ticket updated = tickets.findById(current.id()).orElseThrow();
		events.publishEvent(new TicketUpdated(updated, List.copyOf(changes), actor, origin));
		return updated;
	}

	public Comment addComment(String key, NewComment newComment, Actor author) {
		return addComment(key, newComment, author, Origin.LOCAL);
	}

	public Comment addComment(String key, NewComment newComment, Actor author, Origin origin) {
		Ticket ticket = get(key);
		Instant now = now();
		long commentId = tickets.insertComment(ticket.id(), author, newComment, now);
		tickets.touch(ticket.id(), "commented", now);
		tickets.insertHistory(ticket.id(), author, "commented", "comment", null,
				newComment.internal() ? "internal comment" : "public comment", now);
		Comment comment = tickets.comments(ticket.id(), true)
			.stream()
			.filter(c -> c.id() == commentId)
			.findFirst()
			.orElseThrow();
		events.publishEvent(new CommentAdded(tickets.findById(ticket.id()).orElseThrow(), comment, origin));
		return comment;
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
