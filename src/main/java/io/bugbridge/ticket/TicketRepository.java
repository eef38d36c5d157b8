package io.bugbridge.ticket;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToLongFunction;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Plain SQL over JDBC: the queries are few, must run unchanged on PostgreSQL and H2, and their
 * indexes matter more than an ORM's convenience.
 */
@Repository
class TicketRepository {

	private static final String TICKET_COLUMNS = """
			t.id, t.ticket_key, t.issue_type, t.summary, t.description, t.status, t.priority, t.reporter_email,
			t.reporter_name, t.customer_id, t.assignee_email, t.environment, t.steps_to_reproduce,
			t.expected_behavior, t.actual_behavior, t.business_value, t.use_case, t.votes, t.category, t.source,
			t.created_at, t.updated_at, t.version""";

	private static final String LISTING_COLUMNS = """
			t.id, t.ticket_key, t.issue_type, t.summary, t.status, t.priority, t.reporter_email, t.created_at,
			t.updated_at""";

	private static final String ATTACHMENT_COLUMNS = "id, ticket_id, file_name, content_type, size_bytes, uploaded_by, created_at";

	private static final int MAX_SEARCH_WORDS = 10;

	private final JdbcClient jdbc;

	TicketRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The next ticket number; sequences never hand out a number twice, even across nodes. */
	long nextTicketNumber() {
		return jdbc.sql("SELECT nextval('ticket_number_seq')").query(Long.class).single();
	}

	long insert(String key, NewTicket t, String reporterSubject, String source, Instant now) {
		return insert(key, t, reporterSubject, source, Status.OPEN, null, now);
	}

	long insert(String key, NewTicket t, String reporterSubject, String source, Status status, String assignee,
			Instant now) {
		KeyHolder keys = new GeneratedKeyHolder();
		jdbc.sql("""
				INSERT INTO ticket (ticket_key, issue_type, summary, description, status, priority, reporter_email,
				    reporter_name, reporter_subject, customer_id, assignee_email, environment, steps_to_reproduce,
				    expected_behavior, actual_behavior, business_value, use_case, votes, category, source, created_at,
				    updated_at, version)
				VALUES (:key, :type, :summary, :description, :status, :priority, :reporterEmail, :reporterName,
				    :reporterSubject, :customerId, :assignee, :environment, :steps, :expected, :actual, :businessValue,
				    :useCase, 0, :category, :source, :now, :now, 0)""")
			.param("key", key)
			.param("type", t.type().label())
			.param("summary", t.summary())
			.param("description", t.description())
			.param("status", status.label())
			.param("priority", t.priority().label())
			.param("assignee", assignee)
			.param("reporterEmail", t.reporterEmail())
			.param("reporterName", t.reporterName())
			.param("reporterSubject", reporterSubject)
			.param("customerId", t.customerId())
			.param("environment", t.environment())
			.param("steps", t.stepsToReproduce())
			.param("expected", t.expectedBehavior())
			.param("actual", t.actualBehavior())
			.param("businessValue", t.businessValue())
			.param("useCase", t.useCase())
			.param("category", t.category() == null ? null : t.category().label())
			.param("source", source)
			.param("now", utc(now))
			.update(keys, "id");
		long id = keys.getKeyAs(Number.class).longValue();
		jdbc.sql("INSERT INTO ticket_alias (alias_key, ticket_id) VALUES (:key, :id)")
			.param("key", key)
			.param("id", id)
			.update();
		count(t.type(), status, t.priority(), 1);
		recordChange(id, "created", now);
		return id;
	}

	/** Appends to the change feed; every write path calls it in its transaction. */
	void recordChange(long ticketId, String kind, Instant now) {
		jdbc.sql("INSERT INTO ticket_change (ticket_id, kind, changed_at) VALUES (:id, :kind, :now)")
			.param("id", ticketId)
			.param("kind", kind)
			.param("now", utc(now))
			.update();
	}

	List<TicketChange> changesAfter(long seq, int limit) {
		return jdbc.sql("SELECT seq, ticket_id, kind, changed_at FROM ticket_change WHERE seq > :seq ORDER BY seq"
				+ " FETCH FIRST " + limit + " ROWS ONLY")
			.param("seq", seq)
			.query((rs, n) -> new TicketChange(rs.getLong("seq"), rs.getLong("ticket_id"), rs.getString("kind"),
					instant(rs, "changed_at")))
			.list();
	}

	List<TicketChange> changesAmong(java.util.Collection<Long> seqs) {
		return jdbc.sql("SELECT seq, ticket_id, kind, changed_at FROM ticket_change WHERE seq IN (:seqs) ORDER BY seq")
			.param("seqs", List.copyOf(seqs))
			.query((rs, n) -> new TicketChange(rs.getLong("seq"), rs.getLong("ticket_id"), rs.getString("kind"),
					instant(rs, "changed_at")))
			.list();
	}

	long oldestChangeSeq() {
		return jdbc.sql("SELECT COALESCE(MIN(seq), 0) FROM ticket_change").query(Long.class).single();
	}

	long latestChangeSeq() {
		return jdbc.sql("SELECT COALESCE(MAX(seq), 0) FROM ticket_change").query(Long.class).single();
	}

	int pruneChangesBefore(Instant cutoff) {
		return jdbc.sql("DELETE FROM ticket_change WHERE changed_at < :cutoff").param("cutoff", utc(cutoff)).update();
	}

	/**
	 * Counts a ticket in or out. In a transaction the change is collected and written just before
	 * commit ({@link PendingCounts}): the counter row is a hot spot that every intake updates, and
	 * updating it first would hold its lock while the rest of the transaction (up to five large
	 * attachments) is written, so concurrent intakes waited on it and H2 gave up with "Timeout trying
	 * to lock table ticket_count". Written last, the row is locked only for the commit itself; and as
	 * even that serialised intake on commits, each count is spread over {@link #COUNT_SLOTS} rows of
	 * which a transaction updates one at random (V95).
	 */
	private void count(TicketType type, Status status, Priority priority, int delta) {
		if (TransactionSynchronizationManager.isSynchronizationActive()
				&& TransactionSynchronizationManager.isActualTransactionActive()) {
			PendingCounts pending = (PendingCounts) TransactionSynchronizationManager.getResource(PendingCounts.class);
			if (pending == null) {
				pending = new PendingCounts();
				TransactionSynchronizationManager.bindResource(PendingCounts.class, pending);
				TransactionSynchronizationManager.registerSynchronization(pending);
			}
			pending.add(type.label() + "|" + status.label() + "|" + priority.label(), delta);
			return;
		}
		updateCount(type.label(), status.label(), priority.label(), delta, randomSlot());
	}

	/** Rows per count (V95 creates slots 0 to 15); readers add them up. */
	static final int COUNT_SLOTS = 16;

	private static int randomSlot() {
		return java.util.concurrent.ThreadLocalRandom.current().nextInt(COUNT_SLOTS);
	}

	private void updateCount(String type, String status, String priority, long delta, int slot) {
		jdbc.sql("UPDATE ticket_count SET tickets = tickets + :delta"
				+ " WHERE issue_type = :type AND status = :status AND priority = :priority AND slot = :slot")
			.param("delta", delta)
			.param("slot", slot)
			.param("type", type)
			.param("status", status)
			.param("priority", priority)
			.update();
	}

	/** Count changes of one transaction, written before it commits, in key order (no deadlocks). */
	private final class PendingCounts implements TransactionSynchronization {

		private final Map<String, Long> deltas = new java.util.TreeMap<>();

		void add(String key, long delta) {
			deltas.merge(key, delta, Long::sum);
		}

		@Override
		public void beforeCommit(boolean readOnly) {
			TransactionSynchronizationManager.unbindResourceIfPossible(PendingCounts.class);
			// One slot for all of the transaction's keys keeps the rows locked in key order.
			int slot = freeSlot();
			deltas.forEach((key, delta) -> {
				if (delta != 0) {
					String[] parts = key.split("\\|", 3);
					updateCount(parts[0], parts[1], parts[2], delta, slot);
				}
			});
			deltas.clear();
		}

		/**
		 * A slot whose row of the first key no other transaction holds, so that concurrent intakes
		 * never queue behind each other's commit (which, with five large attachments on a busy
		 * machine, outlasted H2's lock timeout). SKIP LOCKED answers "nothing" for a held row instead
		 * of waiting, on H2 and PostgreSQL alike, without failing the transaction. Only when every
		 * slot is held does the transaction wait, on a random one.
		 */
		private int freeSlot() {
			String first = deltas.entrySet()
				.stream()
				.filter(e -> e.getValue() != 0)
				.map(Map.Entry::getKey)
				.findFirst()
				.orElse(null);
			int start = randomSlot();
			if (first == null) {
				return start;
			}
			String[] parts = first.split("\\|", 3);
			for (int i = 0; i < COUNT_SLOTS; i++) {
				int slot = (start + i) % COUNT_SLOTS;
				boolean free = !jdbc.sql("SELECT slot FROM ticket_count WHERE issue_type = :type AND status = :status"
						+ " AND priority = :priority AND slot = :slot FOR UPDATE SKIP LOCKED")
					.param("type", parts[0])
					.param("status", parts[1])
					.param("priority", parts[2])
					.param("slot", slot)
					.query()
					.listOfRows()
					.isEmpty();
				if (free) {
					return slot;
				}
			}
			return start;
		}

		@Override
		public void afterCompletion(int status) {
			TransactionSynchronizationManager.unbindResourceIfPossible(PendingCounts.class);
		}

	}

	List<TicketCount> counts() {
		return jdbc.sql("SELECT issue_type, status, priority, SUM(tickets) AS tickets FROM ticket_count"
				+ " GROUP BY issue_type, status, priority HAVING SUM(tickets) <> 0")
			.query((rs, n) -> new TicketCount(TicketType.fromLabel(rs.getString("issue_type")),
					Status.fromLabel(rs.getString("status")), Priority.fromLabel(rs.getString("priority")),
					rs.getLong("tickets")))
			.list();
	}

	/**
	 * Recomputes the counts from the tickets themselves in one grouped scan; returns how many
	 * combinations were off.
	 */
	int recount() {
		Map<String, Long> actual = new java.util.HashMap<>();
		jdbc.sql("SELECT issue_type, status, priority, COUNT(*) AS n FROM ticket WHERE deleted_at IS NULL"
				+ " GROUP BY issue_type, status, priority")
			.query((rs, n) -> actual.put(rs.getString("issue_type") + "|" + rs.getString("status") + "|"
					+ rs.getString("priority"), rs.getLong("n")))
			.list();
		Map<String, Long> counted = new java.util.HashMap<>();
		counts().forEach(c -> counted.put(c.type().label() + "|" + c.status().label() + "|" + c.priority().label(),
				c.tickets()));
		int corrected = 0;
		for (TicketType type : TicketType.values()) {
			for (Status status : Status.values()) {
				for (Priority priority : Priority.values()) {
					String key = type.label() + "|" + status.label() + "|" + priority.label();
					long tickets = actual.getOrDefault(key, 0L);
					if (counted.getOrDefault(key, 0L) == tickets) {
						continue;
					}
					// The whole count goes to slot 0 and the other slots to zero.
					jdbc.sql("UPDATE ticket_count SET tickets = CASE WHEN slot = 0 THEN :tickets ELSE 0 END"
							+ " WHERE issue_type = :type AND status = :status AND priority = :priority")
						.param("tickets", tickets)
						.param("type", type.label())
						.param("status", status.label())
						.param("priority", priority.label())
						.update();
					corrected++;
				}
			}
		}
		return corrected;
	}

	Optional<Ticket> findByKey(String key) {
		return jdbc.sql("SELECT " + TICKET_COLUMNS
				+ " FROM ticket_alias a JOIN ticket t ON t.id = a.ticket_id WHERE a.alias_key = :key AND t.deleted_at IS NULL")
			.param("key", key)
			.query(TicketRepository::mapTicket)
			.optional();
	}

	/** Locks the row until the transaction ends, so concurrent updates apply one after the other. */
	Optional<Ticket> findByIdForUpdate(long id) {
		return jdbc.sql("SELECT " + TICKET_COLUMNS + " FROM ticket t WHERE t.id = :id FOR UPDATE")
			.param("id", id)
			.query(TicketRepository::mapTicket)
			.optional();
	}

	void update(Ticket current, Status status, Priority priority, String assigneeEmail, String summary,
			String description, Instant now) {
		long id = current.id();
		jdbc.sql("""
				UPDATE ticket SET status = :status, priority = :priority, assignee_email = :assignee,
				    summary = :summary, description = :description, updated_at = :now, version = version + 1
				WHERE id = :id""")
			.param("status", status.label())
			.param("priority", priority.label())
			.param("assignee", assigneeEmail)
			.param("summary", summary)
			.param("description", description)
			.param("now", utc(now))
			.param("id", id)
			.update();
		if (status != current.status() || priority != current.priority()) {
			count(current.type(), current.status(), current.priority(), -1);
			count(current.type(), status, priority, 1);
		}
		recordChange(id, "updated", now);
	}

	List<Ticket> findAllById(List<Long> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		Map<Long, Ticket> byId = new java.util.HashMap<>();
		jdbc.sql("SELECT " + TICKET_COLUMNS + " FROM ticket t WHERE t.id IN (:ids) AND t.deleted_at IS NULL")
			.param("ids", ids)
			.query(TicketRepository::mapTicket)
			.list()
			.forEach(ticket -> byId.put(ticket.id(), ticket));
		return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
	}

	/** Tickets with ids above {@code afterId}, in id order: for walking the whole store in batches. */
	List<Ticket> scan(long afterId, int limit) {
		return jdbc.sql("SELECT " + TICKET_COLUMNS + " FROM ticket t WHERE t.id > :after AND t.deleted_at IS NULL"
				+ " ORDER BY t.id FETCH FIRST "
				+ limit + " ROWS ONLY")
			.param("after", afterId)
			.query(TicketRepository::mapTicket)
			.list();
	}

	Map<Long, List<Comment>> comments(List<Long> ticketIds, boolean includeInternal) {
		Map<Long, List<Comment>> byTicket = new java.util.HashMap<>();
		if (ticketIds.isEmpty()) {
			return byTicket;
		}
		jdbc.sql("SELECT id, ticket_id, author_email, author_name, author_kind, body, internal, created_at, updated_at"
				+ " FROM ticket_comment WHERE ticket_id IN (:ids)" + (includeInternal ? "" : " AND internal = FALSE")
				+ " ORDER BY created_at, id")
			.param("ids", ticketIds)
			.query(TicketRepository::mapComment)
			.list()
			.forEach(c -> byTicket.computeIfAbsent(c.ticketId(), id -> new ArrayList<>()).add(c));
		return byTicket;
	}

	Optional<Ticket> findById(long id) {
		return jdbc.sql("SELECT " + TICKET_COLUMNS + " FROM ticket t WHERE t.id = :id")
			.param("id", id)
			.query(TicketRepository::mapTicket)
			.optional();
	}

	TicketPage search(TicketQuery query) {
		Page<Ticket> page = page(query, TICKET_COLUMNS, TicketRepository::mapTicket, Ticket::created, Ticket::id);
		return new TicketPage(page.rows(), page.total(), page.exact(), page.next());
	}

	/** Like {@link #search} with only the columns the list indexes cover (see V53). */
	TicketListPage list(TicketQuery query) {
		Page<TicketListing> page = page(query, LISTING_COLUMNS, TicketRepository::mapListing, TicketListing::created,
				TicketListing::id);
		return new TicketListPage(page.rows(), page.total(), page.exact(), page.next());
	}

	private <T> Page<T> page(TicketQuery query, String columns, RowMapper<T> mapper, Function<T, Instant> created,
			ToLongFunction<T> id) {
		Map<String, Object> params = new LinkedHashMap<>();
		StringBuilder where = new StringBuilder(" WHERE t.deleted_at IS NULL");
		if (query.customerId() != null) {
			where.append(" AND t.customer_id = :customerId");
			params.put("customerId", query.customerId());
		}
		if (query.reporterEmail() != null) {
			where.append(" AND LOWER(t.reporter_email) = :reporterEmail");
			params.put("reporterEmail", query.reporterEmail().toLowerCase(Locale.ROOT));
		}
		if (query.status() != null) {
			where.append(" AND t.status = :status");
			params.put("status", query.status().label());
		}
		if (query.type() != null) {
			where.append(" AND t.issue_type = :type");
			params.put("type", query.type().label());
		}
		List<String> words = searchWords(query.text());
		for (int i = 0; i < words.size(); i++) {
			where.append(" AND (LOWER(t.summary) LIKE :w").append(i).append(" ESCAPE '\\'")
				.append(" OR LOWER(t.description) LIKE :w").append(i).append(" ESCAPE '\\')");
			params.put("w" + i, "%" + escapeLike(words.get(i)) + "%");
		}
		// Counting stops at COUNT_LIMIT + 1: an exact total of a huge list costs a scan nobody needs.
		long counted = jdbc.sql("SELECT COUNT(*) FROM (SELECT 1 FROM ticket t" + where + " FETCH FIRST "
				+ (TicketPage.COUNT_LIMIT + 1) + " ROWS ONLY) c")
			.params(params)
			.query(Long.class)
			.single();
		boolean exact = counted <= TicketPage.COUNT_LIMIT;
		long total = Math.min(counted, TicketPage.COUNT_LIMIT);

		StringBuilder page = new StringBuilder(where);
		if (query.cursor() != null) {
			Cursor cursor = Cursor.decode(query.cursor());
			page.append(" AND (t.created_at < :cursorCreated OR (t.created_at = :cursorCreated AND t.id < :cursorId))");
			params.put("cursorCreated", utc(cursor.created()));
			params.put("cursorId", cursor.id());
		}
		List<T> rows = jdbc
			.sql("SELECT " + columns + " FROM ticket t" + page
					+ " ORDER BY t.created_at DESC, t.id DESC FETCH FIRST " + (query.maxResults() + 1) + " ROWS ONLY")
			.params(params)
			.query(mapper)
			.list();
		String next = null;
		if (rows.size() > query.maxResults()) {
			rows = rows.subList(0, query.maxResults());
			T last = rows.get(rows.size() - 1);
			next = new Cursor(created.apply(last), id.applyAsLong(last)).encode();
		}
		return new Page<>(List.copyOf(rows), total, exact, next);
	}

	private record Page<T>(List<T> rows, long total, boolean exact, String next) {
	}

	/** The ticket an alias points at, deleted or not. */
	Optional<Long> aliasOwner(String key) {
		return jdbc.sql("SELECT ticket_id FROM ticket_alias WHERE alias_key = :key")
			.param("key", key)
			.query(Long.class)
			.optional();
	}

	void insertAlias(String key, long ticketId) {
		jdbc.sql("INSERT INTO ticket_alias (alias_key, ticket_id) VALUES (:key, :id)")
			.param("key", key)
			.param("id", ticketId)
			.update();
	}

	void deleteAlias(String key) {
		jdbc.sql("DELETE FROM ticket_alias WHERE alias_key = :key").param("key", key).update();
	}

	void setKey(long ticketId, String key, Instant now) {
		jdbc.sql("UPDATE ticket SET ticket_key = :key, updated_at = :now, version = version + 1 WHERE id = :id")
			.param("key", key)
			.param("now", utc(now))
			.param("id", ticketId)
			.update();
		recordChange(ticketId, "rekeyed", now);
	}

	void setCustomer(long ticketId, String customerId, Instant now) {
		jdbc.sql("UPDATE ticket SET customer_id = :customer, updated_at = :now, version = version + 1 WHERE id = :id")
			.param("customer", customerId)
			.param("now", utc(now))
			.param("id", ticketId)
			.update();
		recordChange(ticketId, "updated", now);
	}

	/** Deleted tickets leave the counts and, through the change feed, the search index. */
	void markDeleted(Ticket ticket, Instant now) {
		int marked = jdbc.sql("UPDATE ticket SET deleted_at = :now, updated_at = :now, version = version + 1"
				+ " WHERE id = :id AND deleted_at IS NULL")
			.param("now", utc(now))
			.param("id", ticket.id())
			.update();
		if (marked > 0) {
			count(ticket.type(), ticket.status(), ticket.priority(), -1);
		}
		recordChange(ticket.id(), "deleted", now);
	}

	void insertLink(long ticketId, String kind, long linkedTicketId, String createdBy, Instant now) {
		jdbc.sql("INSERT INTO ticket_link (ticket_id, kind, linked_ticket_id, created_by, created_at)"
				+ " VALUES (:from, :kind, :to, :by, :now) ON CONFLICT DO NOTHING")
			.param("from", ticketId)
			.param("kind", kind)
			.param("to", linkedTicketId)
			.param("by", createdBy)
			.param("now", utc(now))
			.update();
	}

	/** Links from or to the ticket, oldest first. */
	List<TicketLink> links(long ticketId) {
		return jdbc.sql("""
				SELECT l.kind, f.ticket_key AS from_key, t.ticket_key AS to_key, l.created_by, l.created_at
				FROM ticket_link l JOIN ticket f ON f.id = l.ticket_id JOIN ticket t ON t.id = l.linked_ticket_id
				WHERE l.ticket_id = :id OR l.linked_ticket_id = :id ORDER BY l.created_at""")
			.param("id", ticketId)
			.query((rs, n) -> new TicketLink(rs.getString("kind"), rs.getString("from_key"), rs.getString("to_key"),
					rs.getString("created_by"), instant(rs, "created_at")))
			.list();
	}

	void addVotes(long ticketId, int delta, Instant now) {
		jdbc.sql("UPDATE ticket SET votes = votes + :delta, version = version + 1 WHERE id = :id")
			.param("delta", delta)
			.param("id", ticketId)
			.update();
		recordChange(ticketId, "voted", now);
	}

	void touch(long ticketId, String kind, Instant now) {
		jdbc.sql("UPDATE ticket SET updated_at = :now, version = version + 1 WHERE id = :id")
			.param("now", utc(now))
			.param("id", ticketId)
			.update();
		recordChange(ticketId, kind, now);
	}

	long insertComment(long ticketId, Actor author, NewComment comment, Instant now) {
		KeyHolder keys = new GeneratedKeyHolder();
		jdbc.sql("""
				INSERT INTO ticket_comment (ticket_id, author_email, author_name, author_kind, body, internal,
				    created_at, updated_at)
				VALUES (:ticketId, :email, :name, :kind, :body, :internal, :now, :now)""")
			.param("ticketId", ticketId)
			.param("email", author.email())
			.param("name", author.displayName())
			.param("kind", author.kind().name())
			.param("body", comment.body())
			.param("internal", comment.internal())
			.param("now", utc(now))
			.update(keys, "id");
		return keys.getKeyAs(Number.class).longValue();
	}

	Optional<Comment> comment(long commentId) {
		return jdbc.sql("SELECT id, ticket_id, author_email, author_name, author_kind, body, internal, created_at, updated_at"
				+ " FROM ticket_comment WHERE id = :id")
			.param("id", commentId)
			.query(TicketRepository::mapComment)
			.optional();
	}

	void updateComment(long commentId, String body, boolean internal, Instant now) {
		jdbc.sql("UPDATE ticket_comment SET body = :body, internal = :internal, updated_at = :now WHERE id = :id")
			.param("body", body)
			.param("internal", internal)
			.param("now", utc(now))
			.param("id", commentId)
			.update();
	}

	void deleteComment(long commentId) {
		jdbc.sql("DELETE FROM ticket_comment WHERE id = :id").param("id", commentId).update();
	}

	long insertAttachment(long ticketId, NewAttachment file, String uploadedBy, Instant now) {
		KeyHolder keys = new GeneratedKeyHolder();
		jdbc.sql("""
				INSERT INTO ticket_attachment (ticket_id, file_name, content_type, size_bytes, content, uploaded_by,
				    created_at)
				VALUES (:ticketId, :name, :type, :size, :content, :by, :now)""")
			.param("ticketId", ticketId)
			.param("name", file.fileName())
			.param("type", file.contentType())
			.param("size", (long) file.content().length)
			.param("content", file.content())
			.param("by", uploadedBy)
			.param("now", utc(now))
			.update(keys, "id");
		return keys.getKeyAs(Number.class).longValue();
	}

	Optional<Attachment> attachment(long attachmentId) {
		return jdbc.sql("SELECT " + ATTACHMENT_COLUMNS + " FROM ticket_attachment WHERE id = :id")
			.param("id", attachmentId)
			.query(TicketRepository::mapAttachment)
			.optional();
	}

	List<Attachment> attachments(long ticketId) {
		return jdbc.sql("SELECT " + ATTACHMENT_COLUMNS + " FROM ticket_attachment WHERE ticket_id = :id ORDER BY id")
			.param("id", ticketId)
			.query(TicketRepository::mapAttachment)
			.list();
	}

	Optional<byte[]> attachmentContent(long attachmentId) {
		return jdbc.sql("SELECT content FROM ticket_attachment WHERE id = :id")
			.param("id", attachmentId)
			.query((rs, n) -> rs.getBytes("content"))
			.optional();
	}

	List<Comment> comments(long ticketId, boolean includeInternal) {
		return jdbc.sql("SELECT id, ticket_id, author_email, author_name, author_kind, body, internal, created_at, updated_at"
				+ " FROM ticket_comment WHERE ticket_id = :id" + (includeInternal ? "" : " AND internal = FALSE")
				+ " ORDER BY created_at, id")
			.param("id", ticketId)
			.query(TicketRepository::mapComment)
			.list();
	}

	private static Comment mapComment(ResultSet rs, int row) throws SQLException {
		return new Comment(rs.getLong("id"), rs.getLong("ticket_id"), rs.getString("author_email"),
				rs.getString("author_name"), Actor.Kind.valueOf(rs.getString("author_kind")), rs.getString("body"),
				rs.getBoolean("internal"), instant(rs, "created_at"), instant(rs, "updated_at"));
	}

	void insertHistory(long ticketId, Actor actor, String action, String field, String oldValue, String newValue,
			Instant now) {
		jdbc.sql("""
				INSERT INTO ticket_history (ticket_id, actor, action, field, old_value, new_value, occurred_at)
				VALUES (:ticketId, :actor, :action, :field, :oldValue, :newValue, :now)""")
			.param("ticketId", ticketId)
			.param("actor", actor.historyName())
			.param("action", action)
			.param("field", field)
			.param("oldValue", abbreviate(oldValue))
			.param("newValue", abbreviate(newValue))
			.param("now", utc(now))
			.update();
	}

	List<HistoryEntry> history(long ticketId) {
		return jdbc.sql("SELECT id, actor, action, field, old_value, new_value, occurred_at FROM ticket_history"
				+ " WHERE ticket_id = :id ORDER BY occurred_at, id")
			.param("id", ticketId)
			.query((rs, n) -> new HistoryEntry(rs.getLong("id"), rs.getString("actor"), rs.getString("action"),
					rs.getString("field"), rs.getString("old_value"), rs.getString("new_value"),
					instant(rs, "occurred_at")))
			.list();
	}

	/**
	 * The ticket a portal {@link #insert(String, NewTicket, String, String, Instant)} wrote, as
	 * {@link #mapTicket} would read it back: every column comes from the insert's own values, so
	 * intake need not re-read the row it has just written (one round trip per submission).
	 */
	static Ticket inserted(long id, String key, NewTicket t, String source, Instant now) {
		return new Ticket(id, key, t.type(), t.summary(), t.description(), Status.OPEN, t.priority(), t.reporterEmail(),
				t.reporterName(), t.customerId(), null, t.environment(), t.stepsToReproduce(), t.expectedBehavior(),
				t.actualBehavior(), t.businessValue(), t.useCase(), 0, t.category(), source, now, now, 0);
	}

	private static Ticket mapTicket(ResultSet rs, int row) throws SQLException {
		String category = rs.getString("category");
		return new Ticket(rs.getLong("id"), rs.getString("ticket_key"), TicketType.fromLabel(rs.getString("issue_type")),
				rs.getString("summary"), rs.getString("description"), Status.fromLabel(rs.getString("status")),
				Priority.fromLabel(rs.getString("priority")), rs.getString("reporter_email"),
				rs.getString("reporter_name"), rs.getString("customer_id"), rs.getString("assignee_email"),
				rs.getString("environment"), rs.getString("steps_to_reproduce"), rs.getString("expected_behavior"),
				rs.getString("actual_behavior"), rs.getString("business_value"), rs.getString("use_case"),
				rs.getInt("votes"), category == null ? null : SupportCategory.fromLabel(category),
				rs.getString("source"), instant(rs, "created_at"), instant(rs, "updated_at"), rs.getLong("version"));
	}

	private static Attachment mapAttachment(ResultSet rs, int row) throws SQLException {
		return new Attachment(rs.getLong("id"), rs.getLong("ticket_id"), rs.getString("file_name"),
				rs.getString("content_type"), rs.getLong("size_bytes"), rs.getString("uploaded_by"),
				instant(rs, "created_at"));
	}

	private static TicketListing mapListing(ResultSet rs, int row) throws SQLException {
		return new TicketListing(rs.getLong("id"), rs.getString("ticket_key"),
				TicketType.fromLabel(rs.getString("issue_type")), rs.getString("summary"),
				Status.fromLabel(rs.getString("status")), Priority.fromLabel(rs.getString("priority")),
				rs.getString("reporter_email"), instant(rs, "created_at"), instant(rs, "updated_at"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return value == null ? null : value.toInstant();
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	static List<String> searchWords(String text) {
		if (text == null || text.isBlank()) {
			return List.of();
		}
		List<String> words = new ArrayList<>();
		for (String word : text.toLowerCase(Locale.ROOT).trim().split("\\s+")) {
			if (!word.isEmpty() && !words.contains(word) && words.size() < MAX_SEARCH_WORDS) {
				words.add(word);
			}
		}
		return words;
	}

	private static String escapeLike(String word) {
		return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

	private static String abbreviate(String value) {
		return value == null || value.length() <= 1024 ? value : value.substring(0, 1021) + "...";
	}

	/** Opaque to clients: base64url of "createdMillis:id" of the last ticket on the previous page. */
	record Cursor(Instant created, long id) {

		String encode() {
			String raw = created.toEpochMilli() + ":" + id;
			return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
		}

		static Cursor decode(String value) {
			try {
				String raw = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8);
				int colon = raw.indexOf(':');
				return new Cursor(Instant.ofEpochMilli(Long.parseLong(raw.substring(0, colon))),
						Long.parseLong(raw.substring(colon + 1)));
			}
			catch (RuntimeException ex) {
				throw new InvalidCursorException("cursor");
			}
		}

	}

	/** Flags a ticket as answered by its customer (kept at the first unanswered reply). */
	void markCustomerReplied(long ticketId, Instant now) {
		int updated = jdbc.sql("UPDATE ticket_customer_reply SET ticket_id = ticket_id WHERE ticket_id = :id")
			.param("id", ticketId)
			.update();
		if (updated == 0) {
			jdbc.sql("INSERT INTO ticket_customer_reply (ticket_id, replied_at) VALUES (:id, :now)")
				.param("id", ticketId)
				.param("now", utc(now))
				.update();
		}
	}

	void clearCustomerReplied(long ticketId) {
		jdbc.sql("DELETE FROM ticket_customer_reply WHERE ticket_id = :id").param("id", ticketId).update();
	}

	/** When each of these tickets was answered by its customer and not yet by staff. */
	Map<Long, Instant> customerReplies(List<Long> ticketIds) {
		Map<Long, Instant> replies = new LinkedHashMap<>();
		if (ticketIds.isEmpty()) {
			return replies;
		}
		jdbc.sql("SELECT ticket_id, replied_at FROM ticket_customer_reply WHERE ticket_id IN (:ids)")
			.param("ids", ticketIds)
			.query((rs, n) -> replies.put(rs.getLong("ticket_id"), instant(rs, "replied_at")))
			.list();
		return replies;
	}

	List<Long> customerReplied(int limit) {
		return jdbc.sql("""
				SELECT r.ticket_id FROM ticket_customer_reply r JOIN ticket t ON t.id = r.ticket_id
				WHERE t.deleted_at IS NULL ORDER BY r.replied_at DESC, r.ticket_id DESC FETCH FIRST %d ROWS ONLY"""
			.formatted(Math.max(1, limit)))
			.query(Long.class)
			.list();
	}

	/** When the ticket was last moved to Resolved, if it ever was. */
	Optional<Instant> lastResolvedAt(long ticketId) {
		return jdbc.sql("""
				SELECT MAX(occurred_at) AS resolved_at FROM ticket_history
				WHERE ticket_id = :id AND field = 'status' AND new_value = :resolved""")
			.param("id", ticketId)
			.param("resolved", Status.RESOLVED.label())
			.query((rs, n) -> Optional.ofNullable(instant(rs, "resolved_at")))
			.single();
	}

}
