package io.bugbridge.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.lucene.index.Term;
import org.apache.lucene.queries.mlt.MoreLikeThis;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.util.BytesRef;

/**
 * Finds tickets similar to a text: the text's most distinctive terms (by tf-idf against all
 * tickets, Lucene's MoreLikeThis) searched with BM25 over summaries and ticket text, optionally
 * blended with the cosine of sentence embeddings, which finds the same problem told in other
 * words. One place for duplicate detection in the service and its evaluation.
 */
final class Similarity {

	private static final int MAX_QUERY_TERMS = 30;

	/** Candidates each half (words, meaning) contributes before the blend re-ranks them. */
	static final int CANDIDATES = 50;

	/** Code names in more than this share of tickets (percent) are left out of the names' search. */
	private static final int COMMON_NAME_PERCENT = 10;

	/** Names in no more than this many tickets are always kept: in a small index no shared name is common. */
	private static final int MIN_COMMON_NAME_TICKETS = 3;

	private Similarity() {
	}

	/**
	 * How the two scores are blended.
	 *
	 * @param weight share of the embedding cosine in the blended score (the rest is the lexical score
	 * divided by the best lexical score of the answer)
	 * @param minCosine a ticket that shares no distinctive word with the text is suggested only from
	 * this cosine up, so a query about nothing in particular gets no suggestions
	 * @param identifierWeight share of the code names' BM25 score (divided by the best of the answer)
	 * in the final score, the rest being the blend of cosine and words; 0 when the text names no code
	 * @param candidates how many candidates each signal contributes before the blend re-ranks them
	 */
	record Blend(double weight, double minCosine, double identifierWeight, int candidates) {
	}

	/** Lexical similarity alone (BM25 over the text's distinctive terms). */
	static List<SimilarTicket> similar(IndexSearcher searcher, TicketIndex index, String text, String customerId,
			List<String> statuses, Long excludeTicketId, int limit) throws IOException {
		List<SimilarTicket> similar = new ArrayList<>();
		for (SimilarTicket hit : lexical(searcher, index, text, customerId, statuses, excludeTicketId, limit)) {
			similar.add(new SimilarTicket(hit.ticketId(), round(hit.score())));
		}
		return similar;
	}

	/**
	 * Lexical and embedding similarity blended: candidates from both halves, each scored
	 * {@code weight × cosine + (1 − weight) × BM25 / best BM25}. A ticket whose embedding is not
	 * computed yet keeps its lexical score alone, so a new ticket is findable from the moment it is
	 * indexed.
	 */
	static List<SimilarTicket> blended(IndexSearcher searcher, TicketIndex index, String text, float[] embedding,
			TicketVectors vectors, Blend blend, String customerId, List<String> statuses, Long excludeTicketId, int limit)
			throws IOException {
		int candidates = Math.max(limit, blend.candidates());
		List<SimilarTicket> lexical = lexical(searcher, index, text, customerId, statuses, excludeTicketId, candidates);
		double best = lexical.isEmpty() ? 1 : Math.max(lexical.get(0).score(), Float.MIN_VALUE);
		Map<Long, Double> scores = new LinkedHashMap<>();
		for (SimilarTicket hit : lexical) {
			double words = hit.score() / best;
			Double cosine = vectors.cosine(embedding, hit.ticketId());
			scores.put(hit.ticketId(), cosine == null ? words : blend.weight() * cosine + (1 - blend.weight()) * words);
		}
		Query filter = filters(new MatchAllDocsQuery(), customerId, statuses, excludeTicketId);
		for (TicketVectors.Scored near : vectors.nearest(searcher, filter, embedding, candidates)) {
			if (!scores.containsKey(near.ticketId()) && near.cosine() >= blend.minCosine()) {
				scores.put(near.ticketId(), blend.weight() * near.cosine());
			}
		}
		if (blend.identifierWeight() > 0) {
			addIdentifiers(scores, searcher, index, text, embedding, vectors, blend, customerId, statuses,
					excludeTicketId, candidates);
		}
		return scores.entrySet()
			.stream()
			.sorted(Map.Entry.<Long, Double>comparingByValue(Comparator.reverseOrder()))
			.limit(limit)
			.map(e -> new SimilarTicket(e.getKey(), round(e.getValue())))
			.toList();
	}

	/**
	 * Mixes in the code names the text shares with each candidate (their own BM25 search, which also
	 * brings candidates): {@code (1 − identifierWeight) × blend + identifierWeight × names / best names}.
	 * A text that names no code keeps the blend as it is.
	 */
	private static void addIdentifiers(Map<Long, Double> scores, IndexSearcher searcher, TicketIndex index,
			String text, float[] embedding, TicketVectors vectors, Blend blend, String customerId, List<String> statuses,
			Long excludeTicketId, int candidates) throws IOException {
		String names = CodeIdentifiers.of(text);
		if (names.isEmpty()) {
			return;
		}
		List<SimilarTicket> hits = search(searcher, index, names, new String[] { TicketIndex.IDENTIFIERS },
				TicketIndex.IDENTIFIERS, customerId, statuses, excludeTicketId, candidates);
		if (hits.isEmpty()) {
			return;
		}
		double best = Math.max(hits.get(0).score(), Float.MIN_VALUE);
		Map<Long, Double> byName = new java.util.HashMap<>();
		hits.forEach(hit -> byName.put(hit.ticketId(), hit.score() / best));
		for (SimilarTicket hit : hits) {
			if (!scores.containsKey(hit.ticketId())) {
				// Shares code names but no distinctive word and too little meaning: the names alone speak for it.
				Double cosine = vectors.cosine(embedding, hit.ticketId());
				scores.put(hit.ticketId(), cosine == null ? 0 : blend.weight() * cosine);
			}
		}
		scores.replaceAll((id, score) -> (1 - blend.identifierWeight()) * score
				+ blend.identifierWeight() * byName.getOrDefault(id, 0.0));
	}

	private static List<SimilarTicket> lexical(IndexSearcher searcher, TicketIndex index, String text,
			String customerId, List<String> statuses, Long excludeTicketId, int limit) throws IOException {
		// Internal comments (analyses, staff notes) never make a ticket similar: customers search this too.
		return search(searcher, index, text, new String[] { TicketIndex.SUMMARY, TicketIndex.PUBLIC_TEXT },
				TicketIndex.PUBLIC_TEXT, customerId, statuses, excludeTicketId, limit);
	}

	/** BM25 over {@code fields} with the text's most distinctive terms (analysed as {@code likeField}). */
	private static List<SimilarTicket> search(IndexSearcher searcher, TicketIndex index, String text, String[] fields,
			String likeField, String customerId, List<String> statuses, Long excludeTicketId, int limit)
			throws IOException {
		MoreLikeThis mlt = new MoreLikeThis(searcher.getIndexReader());
		mlt.setAnalyzer(index.analyzer());
		mlt.setFieldNames(fields);
		mlt.setMinTermFreq(1);
		mlt.setMinDocFreq(1);
		mlt.setMinWordLen(2);
		mlt.setMaxQueryTerms(MAX_QUERY_TERMS);
		mlt.setBoost(true);
		if (TicketIndex.IDENTIFIERS.equals(likeField)) {
			// A name in every tenth ticket (the project's package, "django") says nothing about the
			// problem, and scaled by the best match of the answer it would count as a strong match.
			// In a small index a name a few tickets share is still telling.
			mlt.setMaxDocFreq(
					Math.max(MIN_COMMON_NAME_TICKETS, searcher.getIndexReader().numDocs() * COMMON_NAME_PERCENT / 100));
		}
		Query like = mlt.like(likeField, new StringReader(text));
		List<SimilarTicket> similar = new ArrayList<>();
		var stored = searcher.storedFields();
		for (ScoreDoc hit : searcher.search(filters(like, customerId, statuses, excludeTicketId), limit).scoreDocs) {
			similar.add(new SimilarTicket(Long.parseLong(stored.document(hit.doc).get(TicketIndex.ID)), hit.score));
		}
		return similar;
	}

	private static Query filters(Query main, String customerId, List<String> statuses, Long excludeTicketId) {
		BooleanQuery.Builder query = new BooleanQuery.Builder().add(main, BooleanClause.Occur.MUST);
		if (customerId != null) {
			query.add(new TermQuery(new Term(TicketIndex.CUSTOMER, customerId)), BooleanClause.Occur.FILTER);
		}
		if (statuses != null && !statuses.isEmpty()) {
			query.add(new TermInSetQuery(TicketIndex.STATUS, statuses.stream().map(BytesRef::new).toList()),
					BooleanClause.Occur.FILTER);
		}
		if (excludeTicketId != null) {
			query.add(new TermQuery(new Term(TicketIndex.ID, Long.toString(excludeTicketId))),
					BooleanClause.Occur.MUST_NOT);
		}
		return query.build();
	}

	/** The cosine of two texts' term-frequency vectors after the analyzer's stemming and stop words. */
	static double termCosine(org.apache.lucene.analysis.Analyzer analyzer, String a, String b) {
		Map<String, Integer> left = terms(analyzer, a);
		Map<String, Integer> right = terms(analyzer, b);
		if (left.isEmpty() || right.isEmpty()) {
			return 0;
		}
		double dot = 0;
		for (Map.Entry<String, Integer> term : left.entrySet()) {
			dot += term.getValue() * (double) right.getOrDefault(term.getKey(), 0);
		}
		return dot / (norm(left) * norm(right));
	}

	private static Map<String, Integer> terms(org.apache.lucene.analysis.Analyzer analyzer, String text) {
		Map<String, Integer> counts = new java.util.HashMap<>();
		if (text == null || text.isBlank()) {
			return counts;
		}
		try (org.apache.lucene.analysis.TokenStream tokens = analyzer.tokenStream(TicketIndex.PUBLIC_TEXT, text)) {
			var term = tokens.addAttribute(org.apache.lucene.analysis.tokenattributes.CharTermAttribute.class);
			tokens.reset();
			while (tokens.incrementToken()) {
				counts.merge(term.toString(), 1, Integer::sum);
			}
			tokens.end();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return counts;
	}

	private static double norm(Map<String, Integer> vector) {
		double sum = 0;
		for (int count : vector.values()) {
			sum += (double) count * count;
		}
		return Math.sqrt(sum);
	}

	private static double round(double score) {
		return Math.round(score * 100) / 100.0;
	}

}
