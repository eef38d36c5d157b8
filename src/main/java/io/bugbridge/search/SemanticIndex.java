package io.bugbridge.search;

import java.io.IOException;
import java.util.Collection;
import java.util.List;

import io.bugbridge.ticket.TicketService;
import org.apache.lucene.search.IndexSearcher;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * This node's ticket embeddings and the similarity search that blends them with the words: the
 * model, the vectors in memory and the worker that keeps them current. With embeddings switched
 * off it answers with the words alone and never loads the model.
 */
final class SemanticIndex {

	/** Null when embeddings are switched off. */
	private final TextEmbedder embedder;

	private final TicketVectors vectors = new TicketVectors();

	private final EmbeddingWorker worker;

	private final Similarity.Blend blend;

	SemanticIndex(SearchProperties.Embeddings settings, TicketService tickets, javax.sql.DataSource dataSource,
			java.nio.file.Path nativeCache) {
		this.embedder = settings.enabled() ? new TextEmbedder(settings.maxChars(), settings.titleWeight(), nativeCache) : null;
		this.blend = new Similarity.Blend(settings.weight(), settings.minSimilarity(), settings.identifierWeight(),
				Similarity.CANDIDATES);
		this.worker = embedder == null ? null
				: new EmbeddingWorker(embedder, vectors, new EmbeddingStore(JdbcClient.create(dataSource)), tickets);
	}

	private final java.util.concurrent.atomic.AtomicBoolean started = new java.util.concurrent.atomic.AtomicBoolean();

	/** Once: a second ready event (a refreshed child context) must not start a second worker. */
	void start() {
		if (worker != null && started.compareAndSet(false, true)) {
			worker.start();
		}
	}

	void stop() {
		if (worker != null) {
			worker.stop();
		}
	}

	/** Tickets the search index has just applied: their embeddings are (re)computed in the background. */
	void changed(Collection<Long> ticketIds) {
		if (worker != null) {
			worker.changed(ticketIds);
		}
	}

	/**
	 * How alike two tickets' meanings are, 0 to 1 on an absolute scale: the cosine of their stored
	 * embeddings above the floor that unrelated texts reach ({@code min-similarity}), stretched to 0..1.
	 * Empty while either has no embedding or embeddings are off.
	 */
	java.util.OptionalDouble meaningSimilarity(long ticketA, long ticketB) {
		Double cosine = embedder == null ? null : vectors.cosine(ticketA, ticketB);
		if (cosine == null) {
			return java.util.OptionalDouble.empty();
		}
		double floor = blend.minCosine();
		return java.util.OptionalDouble.of(Math.max(0, Math.min(1, (cosine - floor) / (1 - floor))));
	}

	int embedded() {
		return vectors.size();
	}

	boolean isCaughtUp() {
		return worker == null || worker.isCaughtUp();
	}

	List<SimilarTicket> similar(IndexSearcher searcher, TicketIndex index, String text, String customerId,
			List<String> statuses, Long excludeTicketId, int limit) throws IOException {
		// Until the model is loaded (seconds after start) answers are lexical rather than late.
		if (embedder == null || !embedder.isLoaded()) {
			return Similarity.similar(searcher, index, text, customerId, statuses, excludeTicketId, limit);
		}
		return Similarity.blended(searcher, index, text, queryEmbedding(text, excludeTicketId), vectors, blend,
				customerId, statuses, excludeTicketId, limit);
	}

	/**
	 * The embedding of the text asked about: a ticket's stored one when the text is that ticket's
	 * (possible duplicates of a ticket), else computed now (a customer's words as they type).
	 */
	private float[] queryEmbedding(String text, Long ticketId) {
		if (ticketId != null) {
			float[] stored = vectors.vectorIfCurrent(ticketId, embedder.hash(text));
			if (stored != null) {
				return stored;
			}
		}
		return embedder.embed(text);
	}

}
