package io.bugbridge.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.bugbridge.ticket.Comment;
import io.bugbridge.ticket.Ticket;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.FSDirectory;

/**
 * The Lucene index of tickets on this node's disk: one document per ticket with its text
 * (summary, description, every comment) and the fields the admin console filters and sorts by.
 * The index records in its commit data how far into the change feed it is.
 */
class TicketIndex implements AutoCloseable {

	static final String ID = "id";

	static final String ID_SORT = "id_sort";

	static final String TYPE = "type";

	static final String STATUS = "status";

	static final String PRIORITY = "priority";

	static final String PRIORITY_RANK = "priority_rank";

	static final String CUSTOMER = "customer";

	static final String ASSIGNEE = "assignee";

	static final String CREATED = "created";

	static final String CREATED_SORT = "created_sort";

	static final String UPDATED = "updated";

	static final String UPDATED_SORT = "updated_sort";

	static final String VOTES = "votes";

	static final String SUMMARY = "summary";

	static final String TEXT = "text";

	/**
	 * What a customer of the ticket may read: {@link #TEXT} without internal comments. Similarity
	 * (also offered to customers as they type) searches this, so staff-only text such as an
	 * analysis never makes a ticket match.
	 */
	static final String PUBLIC_TEXT = "public_text";

	/**
	 * The code names (class, method, file names) in {@link #PUBLIC_TEXT} without the reporter's
	 * address, one per segment: a separate, sharper signal for similar tickets.
	 */
	static final String IDENTIFIERS = "identifiers";

	private static final String FEED_POSITION = "feed_position";

	/**
	 * The document layout; an index committed with another one is rebuilt from the database.
	 * 2: {@link #PUBLIC_TEXT}. 3: {@link #IDENTIFIERS}.
	 */
	private static final String LAYOUT = "layout";

	private static final String LAYOUT_VERSION = "3";

	private final Analyzer analyzer = new EnglishAnalyzer();

	private final org.apache.lucene.store.Directory directory;

	private final IndexWriter writer;

	private final SearcherManager searchers;

	TicketIndex(Path path) {
		this(open(path), path.toString());
	}

	/** An index in a directory of the caller's choice, e.g. in memory for evaluations. */
	TicketIndex(org.apache.lucene.store.Directory directory, String description) {
		this.directory = directory;
		try {
			this.writer = openWriter(directory);
			this.searchers = new SearcherManager(writer, null);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot open the ticket search index in " + description
					+ " (is another BugBridge process using this data directory?)", ex);
		}
	}

	/**
	 * Documents are kept sorted newest first, so the usual "newest first" listing stops after the
	 * first page's worth of matches instead of sorting them all. An index written with another
	 * layout (an older version) is discarded; the follower then rebuilds it from the database.
	 */
	private IndexWriter openWriter(org.apache.lucene.store.Directory directory) throws IOException {
		try {
			return new IndexWriter(directory, config());
		}
		catch (IllegalArgumentException layoutChanged) {
			for (String file : directory.listAll()) {
				directory.deleteFile(file);
			}
			return new IndexWriter(directory, config().setOpenMode(IndexWriterConfig.OpenMode.CREATE));
		}
	}

	private IndexWriterConfig config() {
		return new IndexWriterConfig(analyzer).setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
			.setRAMBufferSizeMB(64)
			.setIndexSort(NEWEST_FIRST)
			// Only explicit commits count: a rebuild cut short by a shutdown must not be taken, on the
			// next start, for a complete index at the last recorded feed position.
			.setCommitOnClose(false);
	}

	static final org.apache.lucene.search.Sort NEWEST_FIRST = new org.apache.lucene.search.Sort(
			new org.apache.lucene.search.SortField(CREATED_SORT, org.apache.lucene.search.SortField.Type.LONG, true),
			new org.apache.lucene.search.SortField(ID_SORT, org.apache.lucene.search.SortField.Type.LONG, true));

	private static org.apache.lucene.store.Directory open(Path path) {
		try {
			Files.createDirectories(path);
			return FSDirectory.open(path);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot open the ticket search index in " + path, ex);
		}
	}

	Analyzer analyzer() {
		return analyzer;
	}

	void upsert(Collection<Ticket> tickets, Map<Long, List<Comment>> comments) throws IOException {
		for (Ticket ticket : tickets) {
			writer.updateDocument(new Term(ID, Long.toString(ticket.id())),
					document(ticket, comments.getOrDefault(ticket.id(), List.of())));
		}
	}

	void delete(long ticketId) throws IOException {
		writer.deleteDocuments(new Term(ID, Long.toString(ticketId)));
	}

	void deleteAll() throws IOException {
		writer.deleteAll();
	}

	/** Makes written documents visible to searches. */
	void refresh() throws IOException {
		searchers.maybeRefreshBlocking();
	}

	/** Makes written documents durable and records the feed position they cover. */
	void commit(long feedPosition) throws IOException {
		writer.setLiveCommitData(Map.of(FEED_POSITION, Long.toString(feedPosition), LAYOUT, LAYOUT_VERSION).entrySet());
		writer.commit();
	}

	/**
	 * The feed position of the last commit, or -1 for an index that was never committed or was
	 * written with another document layout (it is then rebuilt).
	 */
	long committedFeedPosition() throws IOException {
		Iterable<Map.Entry<String, String>> data = writer.getLiveCommitData();
		long position = -1;
		boolean currentLayout = false;
		if (data != null) {
			for (Map.Entry<String, String> entry : data) {
				if (entry.getKey().equals(FEED_POSITION)) {
					position = Long.parseLong(entry.getValue());
				}
				else if (entry.getKey().equals(LAYOUT)) {
					currentLayout = LAYOUT_VERSION.equals(entry.getValue());
				}
			}
		}
		return currentLayout ? position : -1;
	}

	int documents() {
		return writer.getDocStats().numDocs;
	}

	IndexSearcher acquire() throws IOException {
		return searchers.acquire();
	}

	void release(IndexSearcher searcher) throws IOException {
		searchers.release(searcher);
	}

	@Override
	public void close() throws IOException {
		searchers.close();
		writer.close();
		directory.close();
	}

	private static Document document(Ticket ticket, List<Comment> comments) {
		Document doc = new Document();
		doc.add(new StringField(ID, Long.toString(ticket.id()), Field.Store.YES));
		doc.add(new NumericDocValuesField(ID_SORT, ticket.id()));
		doc.add(new StringField(TYPE, ticket.type().label(), Field.Store.NO));
		doc.add(new StringField(STATUS, ticket.status().label(), Field.Store.NO));
		doc.add(new StringField(PRIORITY, ticket.priority().label(), Field.Store.NO));
		doc.add(new NumericDocValuesField(PRIORITY_RANK, ticket.priority().ordinal()));
		if (ticket.customerId() != null) {
			doc.add(new StringField(CUSTOMER, ticket.customerId(), Field.Store.NO));
		}
		doc.add(new StringField(ASSIGNEE, ticket.assigneeEmail() == null ? TicketSearchQuery.UNASSIGNED
				: ticket.assigneeEmail().toLowerCase(Locale.ROOT), Field.Store.NO));
		long created = ticket.created().toEpochMilli();
		long updated = ticket.updated().toEpochMilli();
		doc.add(new LongPoint(CREATED, created));
		doc.add(new NumericDocValuesField(CREATED_SORT, created));
		doc.add(new LongPoint(UPDATED, updated));
		doc.add(new NumericDocValuesField(UPDATED_SORT, updated));
		doc.add(new NumericDocValuesField(VOTES, ticket.votes()));
		doc.add(new TextField(SUMMARY, ticket.summary(), Field.Store.NO));
		StringBuilder text = new StringBuilder(ticket.summary()).append('\n');
		append(text, ticket.description());
		append(text, ticket.stepsToReproduce());
		append(text, ticket.expectedBehavior());
		append(text, ticket.actualBehavior());
		append(text, ticket.environment());
		append(text, ticket.businessValue());
		append(text, ticket.useCase());
		append(text, ticket.reporterEmail());
		StringBuilder publicText = new StringBuilder(text);
		StringBuilder identifiers = new StringBuilder(CodeIdentifiers.of(TicketSearch.reportText(ticket))).append('\n');
		comments.forEach(comment -> {
			append(text, comment.body());
			if (!comment.internal()) {
				append(publicText, comment.body());
				append(identifiers, CodeIdentifiers.of(comment.body()));
			}
		});
		doc.add(new TextField(TEXT, text.toString(), Field.Store.NO));
		doc.add(new TextField(PUBLIC_TEXT, publicText.toString(), Field.Store.NO));
		doc.add(new TextField(IDENTIFIERS, identifiers.toString(), Field.Store.NO));
		return doc;
	}

	/** What a ticket says, without comments: the text two duplicates have in common. */
	static String reportText(String summary, String description, String... more) {
		StringBuilder text = new StringBuilder(summary).append('\n');
		append(text, description);
		for (String value : more) {
			append(text, value);
		}
		return text.toString();
	}

	private static void append(StringBuilder text, String value) {
		if (value != null && !value.isBlank()) {
			text.append(value).append('\n');
		}
	}

}
