package io.bugbridge.search;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.index.Term;
import org.apache.lucene.queries.mlt.MoreLikeThis;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.util.BytesRef;

/**
 * Finds tickets similar to a text: the text's most distinctive terms (by tf-idf against all
 * tickets, Lucene's MoreLikeThis) searched with BM25 over summaries and ticket text. One place for
 * duplicate detection in the service and its evaluation.
 */
final class Similarity {

	private static final int MAX_QUERY_TERMS = 30;

	private Similarity() {
	}

	static List<SimilarTicket> similar(IndexSearcher searcher, TicketIndex index, String text, String customerId,
			List<String> statuses, Long excludeTicketId, int limit) throws IOException {
		MoreLikeThis mlt = new MoreLikeThis(searcher.getIndexReader());
		mlt.setAnalyzer(index.analyzer());
		// Internal comments (analyses, staff notes) never make a ticket similar: customers search this too.
		mlt.setFieldNames(new String[] { TicketIndex.SUMMARY, TicketIndex.PUBLIC_TEXT });
		mlt.setMinTermFreq(1);
		mlt.setMinDocFreq(1);
		mlt.setMinWordLen(2);
		mlt.setMaxQueryTerms(MAX_QUERY_TERMS);
		mlt.setBoost(true);
		Query like = mlt.like(TicketIndex.PUBLIC_TEXT, new StringReader(text));
		BooleanQuery.Builder query = new BooleanQuery.Builder().add(like, BooleanClause.Occur.MUST);
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
		List<SimilarTicket> similar = new ArrayList<>();
		var stored = searcher.storedFields();
		for (ScoreDoc hit : searcher.search(query.build(), limit).scoreDocs) {
			similar.add(new SimilarTicket(Long.parseLong(stored.document(hit.doc).get(TicketIndex.ID)),
					Math.round(hit.score * 100) / 100.0));
		}
		return similar;
	}

}
