package io.bugbridge.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.bugbridge.ticket.Ticket;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * The service's ticket index and similarity search over tickets held in memory: for measuring
 * duplicate detection on a labelled set with exactly the code the service runs.
 */
public final class InMemoryTicketIndex implements AutoCloseable {

	private final TicketIndex index = new TicketIndex(new ByteBuffersDirectory(), "memory");

	private final TicketVectors vectors = new TicketVectors();

	private final TextEmbedder embedder;

	private final Similarity.Blend blend;

	private final boolean summaryOnly;

	/** Each ticket's embedding as computed: the query vector when it is asked for its duplicates. */
	private final Map<Long, float[]> embeddings = new java.util.HashMap<>();

	private long embeddingNanos;

	private int embedded;

	/** Lexical similarity only, as with embeddings switched off. */
	public InMemoryTicketIndex() {
		this(null);
	}

	/** With embeddings as configured, or lexical only when {@code embeddings} is null or disabled. */
	public InMemoryTicketIndex(SearchProperties.Embeddings embeddings) {
		this(embeddings, false);
	}

	/**
	 * @param summaryOnly embed the summary alone instead of everything the reporter wrote (for
	 * comparing the two in the benchmark)
	 */
	public InMemoryTicketIndex(SearchProperties.Embeddings embeddings, boolean summaryOnly) {
		boolean on = embeddings != null && embeddings.enabled();
		this.embedder = on ? new TextEmbedder(embeddings.maxChars(), embeddings.titleWeight(), null) : null;
		this.blend = on ? new Similarity.Blend(embeddings.weight(), embeddings.minSimilarity(),
				embeddings.identifierWeight(), Similarity.CANDIDATES) : null;
		this.summaryOnly = summaryOnly;
	}

	public void addAll(Collection<Ticket> tickets) {
		try {
			index.upsert(tickets, Map.of());
			index.refresh();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		if (embedder != null) {
			embedder.load();
			long started = System.nanoTime();
			for (Ticket ticket : tickets) {
				float[] vector = embedder.embed(embeddedText(ticket));
				embeddings.put(ticket.id(), vector);
				vectors.put(ticket.id(), vector);
			}
			embeddingNanos += System.nanoTime() - started;
			embedded += tickets.size();
		}
	}

	/** Mean time to embed one ticket so far, in milliseconds; 0 without embeddings. */
	public double embeddingMillisPerTicket() {
		return embedded == 0 ? 0 : embeddingNanos / 1e6 / embedded;
	}

	public List<SimilarTicket> similarTo(Ticket ticket, int limit) {
		return similarTo(ticket, limit, blend == null ? 0 : blend.weight());
	}

	/** With another share of the embedding cosine than configured (ignored without embeddings). */
	public List<SimilarTicket> similarTo(Ticket ticket, int limit, double weight) {
		return similarTo(ticket, limit, weight, blend == null ? 0 : blend.identifierWeight(),
				blend == null ? Similarity.CANDIDATES : blend.candidates());
	}

	/**
	 * With other shares of the embedding cosine and of the code names, and another number of
	 * candidates per signal, than configured (all ignored without embeddings).
	 */
	public List<SimilarTicket> similarTo(Ticket ticket, int limit, double weight, double identifierWeight,
			int candidates) {
		try {
			IndexSearcher searcher = index.acquire();
			try {
				String text = TicketSearch.reportText(ticket);
				if (embedder == null) {
					return Similarity.similar(searcher, index, text, null, List.of(), ticket.id(), limit);
				}
				// The service, too, asks with the ticket's stored embedding rather than computing it again.
				return Similarity.blended(searcher, index, text, embeddings.get(ticket.id()), vectors,
						new Similarity.Blend(weight, blend.minCosine(), identifierWeight, candidates), null, List.of(),
						ticket.id(), limit);
			}
			finally {
				index.release(searcher);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private String embeddedText(Ticket ticket) {
		return summaryOnly ? ticket.summary() : TicketEmbeddings.text(ticket);
	}

	@Override
	public void close() throws IOException {
		index.close();
	}

}
