package io.bugbridge.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.bugbridge.config.BugBridgeProperties;
import io.bugbridge.ticket.CommentAdded;
import io.bugbridge.ticket.InvalidCursorException;
import io.bugbridge.ticket.TicketCreated;
import io.bugbridge.ticket.TicketService;
import io.bugbridge.ticket.TicketUpdated;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.simple.SimpleQueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.util.BytesRef;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Searches tickets for the admin console: any combination of filters, full text over summary,
 * description and comments, several orders, cursor paging. Answers from this node's Lucene index,
 * which follows the database's change feed (see {@link IndexFollower}); the caller loads the
 * tickets themselves from the database, so a row never shows stale values.
 */
@Service
public class TicketSearch implements SmartLifecycle {

	/** Totals are exact up to this many matches. */
	public static final int COUNT_LIMIT = 10_000;

	private final TicketIndex index;

	private final IndexFollower follower;

	/** Other nodes' changes at once (PostgreSQL's LISTEN/NOTIFY); null on H2, a single node's database. */
	private final ChangeFeedSignal signal;

	private final SemanticIndex semantic;

	private volatile boolean running;

	TicketSearch(TicketService tickets, SearchProperties properties, BugBridgeProperties bugbridge,
			org.springframework.context.ApplicationEventPublisher events, javax.sql.DataSource dataSource) {
		Path directory = properties.directory() != null ? properties.directory()
				: bugbridge.dataDirectory().resolve("index").resolve("tickets");
		this.index = new TicketIndex(directory);
		SemanticIndex semanticIndex = new SemanticIndex(properties.embeddings(), tickets, dataSource,
				bugbridge.dataDirectory().resolve("cache").resolve("djl"));
		this.semantic = semanticIndex;
		this.follower = new IndexFollower(index, tickets, properties.pollInterval(), changed -> {
			semanticIndex.changed(changed.ticketIds());
			events.publishEvent(changed);
		});
		this.signal = isPostgres(dataSource) ? new ChangeFeedSignal(dataSource, follower::nudge) : null;
	}

	private static boolean isPostgres(javax.sql.DataSource dataSource) {
		try (java.sql.Connection connection = dataSource.getConnection()) {
			return connection.isWrapperFor(org.postgresql.PGConnection.class);
		}
		catch (java.sql.SQLException ex) {
			// The database is not reachable at start: the follower's poll still finds every change.
			return false;
		}
	}

	public boolean isReady() {
		return follower.isReady();
	}

	public int indexedTickets() {
		return index.documents();
	}

	/** Tickets whose embedding this node holds in memory; 0 with embeddings off. */
	public int embeddedTickets() {
		return semantic.embedded();
	}

	/**
	 * Whether every ticket has its current embedding (always true with embeddings off): tests and
	 * benchmarks wait for it.
	 */
	public boolean embeddingsCaughtUp() {
		return semantic.isCaughtUp();
	}

	/** Change feed rows this node's index has read so far: what following the feed costs. */
	public long feedRowsRead() {
		return follower.feedRowsRead();
	}

	/** Feed entries below the highest one seen that have not committed (yet). */
	public int openFeedGaps() {
		return follower.openGaps();
	}

	/** Applies every committed change before returning: tests and admin tools use it. */
	public void awaitCurrent() {
		try {
			follower.catchUpNow();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public TicketSearchResult search(TicketSearchQuery query) {
		if (!follower.isReady()) {
			throw new SearchUnavailableException(follower.indexedDuringRebuild());
		}
		try {
			IndexSearcher searcher = index.acquire();
			try {
				return search(searcher, query);
			}
			finally {
				index.release(searcher);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Tickets whose text resembles {@code text}, best first: possible duplicates of a ticket, or
	 * suggestions while a customer types.
	 *
	 * @param customerId only this customer account's tickets; null for all
	 * @param statuses only tickets in these statuses (labels); empty for all
	 * @param excludeTicketId leave this ticket out (the one the text comes from); may be null
	 */
	public List<SimilarTicket> similarTo(String text, String customerId, Collection<io.bugbridge.ticket.Status> statuses,
			Long excludeTicketId, int limit) {
		if (text == null || text.isBlank()) {
			return List.of();
		}
		if (!follower.isReady()) {
			throw new SearchUnavailableException(follower.indexedDuringRebuild());
		}
		try {
			IndexSearcher searcher = index.acquire();
			try {
				return semantic.similar(searcher, index, text, customerId,
						statuses.stream().map(io.bugbridge.ticket.Status::label).toList(), excludeTicketId, limit);
			}
			finally {
				index.release(searcher);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * How alike two texts are on an absolute scale from 0 (no word in common) to 1 (the same words
	 * as often): the cosine of their term-frequency vectors after the index's analysis (stemming,
	 * stop words). Unlike {@link SimilarTicket#score()} it does not depend on the other candidates,
	 * so it can be shown as a percentage and compared with a fixed threshold.
	 */
	public double textSimilarity(String a, String b) {
		return Similarity.termCosine(index.analyzer(), a, b);
	}

	/**
	 * How alike two tickets are in meaning, 0 to 1 on an absolute scale (their sentence embeddings'
	 * cosine above what unrelated texts reach); empty while either ticket has no embedding yet or
	 * embeddings are switched off. Catches duplicates told in other words, which
	 * {@link #textSimilarity} scores near 0.
	 */
	public java.util.OptionalDouble meaningSimilarity(long ticketA, long ticketB) {
		return semantic.meaningSimilarity(ticketA, ticketB);
	}

	/** The text of a ticket that similarity compares: what the reporter wrote, not the comments. */
	public static String reportText(io.bugbridge.ticket.Ticket t) {
		return TicketIndex.reportText(t.summary(), t.description(), t.stepsToReproduce(), t.expectedBehavior(),
				t.actualBehavior(), t.environment(), t.businessValue(), t.useCase());
	}

	private TicketSearchResult search(IndexSearcher searcher, TicketSearchQuery query) throws IOException {
		Query lucene = toLucene(query);
		Sort sort = sortOf(query.order());
		// The id sort field breaks every tie, so the document number only needs to be one that no
		// later document of equal values precedes: the last one of this reader.
		FieldDoc after = query.cursor() == null ? null
				: new FieldDoc(searcher.getIndexReader().maxDoc() - 1, Float.NaN, decodeCursor(query.cursor(), sort));
		// Hits are counted up to COUNT_LIMIT only: beyond that an exact number costs a full pass over
		// the matches, while with the index sorted newest first the default order can stop early.
		TopFieldDocs top = searcher.search(lucene,
				new TopFieldCollectorManager(sort, query.maxResults() + 1, after, COUNT_LIMIT, false));
		boolean exact = top.totalHits.relation == TotalHits.Relation.EQUAL_TO && top.totalHits.value <= COUNT_LIMIT;
		long total = Math.min(top.totalHits.value, COUNT_LIMIT);
		List<Long> ids = new ArrayList<>();
		var stored = searcher.storedFields();
		ScoreDoc[] hits = top.scoreDocs;
		int shown = Math.min(hits.length, query.maxResults());
		for (int i = 0; i < shown; i++) {
			ids.add(Long.parseLong(stored.document(hits[i].doc).get(TicketIndex.ID)));
		}
		String next = hits.length > query.maxResults() ? encodeCursor((FieldDoc) hits[shown - 1]) : null;
		return new TicketSearchResult(List.copyOf(ids), total, exact, next);
	}

	private Query toLucene(TicketSearchQuery query) {
		BooleanQuery.Builder builder = new BooleanQuery.Builder();
		filter(builder, TicketIndex.TYPE, query.types().stream().map(Object::toString).toList());
		filter(builder, TicketIndex.STATUS, query.statuses().stream().map(Object::toString).toList());
		filter(builder, TicketIndex.PRIORITY, query.priorities().stream().map(Object::toString).toList());
		if (query.customerId() != null) {
			builder.add(new TermQuery(new Term(TicketIndex.CUSTOMER, query.customerId())), BooleanClause.Occur.FILTER);
		}
		if (query.assignee() != null) {
			builder.add(new TermQuery(new Term(TicketIndex.ASSIGNEE, query.assignee().toLowerCase(Locale.ROOT))),
					BooleanClause.Occur.FILTER);
		}
		range(builder, TicketIndex.CREATED, query.createdFrom(), query.createdTo());
		range(builder, TicketIndex.UPDATED, query.updatedFrom(), query.updatedTo());
		boolean scored = false;
		if (query.text() != null && !query.text().isBlank()) {
			SimpleQueryParser parser = new SimpleQueryParser(index.analyzer(),
					Map.of(TicketIndex.SUMMARY, 2.0f, TicketIndex.TEXT, 1.0f));
			parser.setDefaultOperator(BooleanClause.Occur.MUST);
			Query text = parser.parse(query.text());
			if (text != null) {
				builder.add(text, BooleanClause.Occur.MUST);
				scored = true;
			}
		}
		BooleanQuery built = builder.build();
		if (!scored) {
			// A query of filters only matches nothing in Lucene; anchor it on every document.
			builder.add(new MatchAllDocsQuery(), BooleanClause.Occur.MUST);
			built = builder.build();
		}
		return built;
	}

	private static void filter(BooleanQuery.Builder builder, String field, Collection<String> values) {
		if (!values.isEmpty()) {
			builder.add(new TermInSetQuery(field, values.stream().map(BytesRef::new).toList()),
					BooleanClause.Occur.FILTER);
		}
	}

	private static void range(BooleanQuery.Builder builder, String field, java.time.Instant from,
			java.time.Instant to) {
		if (from != null || to != null) {
			long lower = from == null ? Long.MIN_VALUE : from.toEpochMilli();
			long upper = to == null ? Long.MAX_VALUE : to.toEpochMilli() - 1;
			builder.add(LongPoint.newRangeQuery(field, lower, upper), BooleanClause.Occur.FILTER);
		}
	}

	private static Sort sortOf(SearchSort.Order order) {
		boolean reverse = order.descending();
		SortField id = new SortField(TicketIndex.ID_SORT, SortField.Type.LONG, reverse);
		SortField created = new SortField(TicketIndex.CREATED_SORT, SortField.Type.LONG, reverse);
		return switch (order.sort()) {
			case CREATED -> new Sort(created, id);
			case UPDATED -> new Sort(new SortField(TicketIndex.UPDATED_SORT, SortField.Type.LONG, reverse), id);
			case PRIORITY -> new Sort(new SortField(TicketIndex.PRIORITY_RANK, SortField.Type.LONG, reverse), created, id);
			case VOTES -> new Sort(new SortField(TicketIndex.VOTES, SortField.Type.LONG, reverse), created, id);
			case RELEVANCE -> new Sort(SortField.FIELD_SCORE, new SortField(TicketIndex.ID_SORT, SortField.Type.LONG, true));
		};
	}

	/** Opaque to clients: the sort values of the last hit, which {@code searchAfter} continues from. */
	private static String encodeCursor(FieldDoc last) {
		StringBuilder raw = new StringBuilder();
		for (Object value : last.fields) {
			if (!raw.isEmpty()) {
				raw.append(',');
			}
			raw.append(value instanceof Float f ? "f" + Float.floatToIntBits(f) : "l" + value);
		}
		return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.toString().getBytes(StandardCharsets.UTF_8));
	}

	private static Object[] decodeCursor(String cursor, Sort sort) {
		try {
			String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(",");
			SortField[] fields = sort.getSort();
			if (parts.length != fields.length) {
				throw new IllegalArgumentException("cursor of another sort order");
			}
			Object[] values = new Object[parts.length];
			for (int i = 0; i < parts.length; i++) {
				boolean score = fields[i].getType() == SortField.Type.SCORE;
				if (score != parts[i].startsWith("f")) {
					throw new IllegalArgumentException("cursor of another sort order");
				}
				// Not a ternary: it would promote the long to float and lose the id's precision.
				if (score) {
					values[i] = Float.intBitsToFloat(Integer.parseInt(parts[i].substring(1)));
				}
				else {
					values[i] = Long.parseLong(parts[i].substring(1));
				}
			}
			return values;
		}
		catch (RuntimeException ex) {
			throw new InvalidCursorException("cursor");
		}
	}

	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
	void on(TicketCreated event) {
		follower.nudge();
	}

	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
	void on(TicketUpdated event) {
		follower.nudge();
	}

	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
	void on(CommentAdded event) {
		follower.nudge();
	}

	@Override
	public void start() {
		follower.start();
		if (signal != null) {
			signal.start();
		}
		running = true;
	}

	/**
	 * The embedding model loads once the application is ready, not while it starts: loading it (a
	 * second or more of CPU) slowed the start of small hosts. Until then tickets match on their words,
	 * and the worker's first pass embeds whatever changed meanwhile.
	 */
	@EventListener(ApplicationReadyEvent.class)
	void startEmbeddings() {
		if (running) {
			semantic.start();
		}
	}

	@Override
	public void stop() {
		semantic.stop();
		if (signal != null) {
			signal.stop();
		}
		follower.stop();
		try {
			index.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		running = false;
	}

	@Override
	public boolean isRunning() {
		return running;
	}

}
