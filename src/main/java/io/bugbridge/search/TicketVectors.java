package io.bugbridge.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;

/**
 * The embeddings of every ticket, held in memory for cosine search. Each unit vector is kept as
 * one signed byte per dimension (value × 127): 384 bytes instead of 1,536, which changes cosines by
 * less than 0.01 and lets a few hundred thousand tickets fit in a small heap.
 */
final class TicketVectors {

	private static final float SCALE = 127f;

	private final ConcurrentHashMap<Long, Entry> vectors = new ConcurrentHashMap<>();

	/** A quantized embedding and the hash of the model and text it was computed from. */
	private record Entry(int textHash, byte[] vector) {
	}

	void put(long ticketId, float[] unitVector) {
		put(ticketId, 0, unitVector);
	}

	void put(long ticketId, int textHash, float[] unitVector) {
		vectors.put(ticketId, new Entry(textHash, quantize(unitVector)));
	}

	/** Whether the ticket's embedding was computed from text with this hash. */
	boolean isCurrent(long ticketId, int textHash) {
		Entry entry = vectors.get(ticketId);
		return entry != null && entry.textHash() == textHash;
	}

	/** The ticket's embedding if it was computed from text with this hash, else null. */
	float[] vectorIfCurrent(long ticketId, int textHash) {
		Entry entry = vectors.get(ticketId);
		if (entry == null || entry.textHash() != textHash) {
			return null;
		}
		float[] vector = new float[entry.vector().length];
		for (int i = 0; i < vector.length; i++) {
			vector[i] = entry.vector()[i] / SCALE;
		}
		return vector;
	}

	void remove(long ticketId) {
		vectors.remove(ticketId);
	}

	boolean contains(long ticketId) {
		return vectors.containsKey(ticketId);
	}

	/** Cosine of a ticket's embedding to {@code query}, or null while the ticket has none. */
	Double cosine(float[] query, long ticketId) {
		Entry entry = vectors.get(ticketId);
		return entry == null ? null : cosine(quantize(query), entry.vector());
	}

	/** Cosine of two tickets' embeddings, or null while either has none. */
	Double cosine(long ticketA, long ticketB) {
		Entry a = vectors.get(ticketA);
		Entry b = vectors.get(ticketB);
		return a == null || b == null ? null : cosine(a.vector(), b.vector());
	}

	int size() {
		return vectors.size();
	}

	/**
	 * The {@code limit} tickets among those {@code filter} matches whose embedding is closest to
	 * {@code query}, best first. Tickets without an embedding yet are left out (lexical search still
	 * finds them). The filter carries the same customer, status and exclusion rules as the lexical
	 * query, so both halves answer over the same tickets.
	 */
	List<Scored> nearest(IndexSearcher searcher, Query filter, float[] query, int limit) throws IOException {
		byte[] q = quantize(query);
		List<Scored> all = searcher.search(filter, new CollectorManager<Nearest, List<Scored>>() {

			@Override
			public Nearest newCollector() {
				return new Nearest(q, limit);
			}

			@Override
			public List<Scored> reduce(java.util.Collection<Nearest> collectors) {
				List<Scored> merged = new ArrayList<>();
				collectors.forEach(c -> merged.addAll(c.top));
				return merged;
			}
		});
		all.sort(Comparator.comparingDouble(Scored::cosine).reversed().thenComparingLong(Scored::ticketId));
		return all.size() > limit ? List.copyOf(all.subList(0, limit)) : all;
	}

	record Scored(long ticketId, double cosine) {
	}

	static byte[] quantize(float[] unit) {
		byte[] q = new byte[unit.length];
		for (int i = 0; i < unit.length; i++) {
			q[i] = (byte) Math.max(-127, Math.min(127, Math.round(unit[i] * SCALE)));
		}
		return q;
	}

	static double cosine(byte[] a, byte[] b) {
		int dot = 0;
		for (int i = 0; i < a.length; i++) {
			dot += a[i] * b[i];
		}
		return dot / (double) (SCALE * SCALE);
	}

	/** Keeps the best {@code limit} documents seen, by cosine to the query. */
	private final class Nearest implements Collector {

		private final byte[] query;

		private final int limit;

		private final PriorityQueue<Scored> top = new PriorityQueue<>(Comparator.comparingDouble(Scored::cosine));

		Nearest(byte[] query, int limit) {
			this.query = query;
			this.limit = limit;
		}

		@Override
		public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
			NumericDocValues ids = context.reader().getNumericDocValues(TicketIndex.ID_SORT);
			return new LeafCollector() {

				@Override
				public void setScorer(Scorable scorer) {
				}

				@Override
				public void collect(int doc) throws IOException {
					if (ids == null || !ids.advanceExact(doc)) {
						return;
					}
					long ticketId = ids.longValue();
					Entry entry = vectors.get(ticketId);
					if (entry == null) {
						return;
					}
					double cosine = cosine(query, entry.vector());
					if (top.size() < limit) {
						top.add(new Scored(ticketId, cosine));
					}
					else if (cosine > top.peek().cosine()) {
						top.poll();
						top.add(new Scored(ticketId, cosine));
					}
				}
			};
		}

		@Override
		public ScoreMode scoreMode() {
			return ScoreMode.COMPLETE_NO_SCORES;
		}

	}

}
