package io.bugbridge.analysis.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermStatistics;
import org.apache.lucene.util.FixedBitSet;

/**
 * The files of one commit inside a {@link RepositoryIndex}. Scores are BM25 with statistics (document
 * frequencies, average lengths) computed over this commit's files only, as if the commit had an
 * index of its own; documents of other commits are invisible.
 */
public final class CommitView implements AutoCloseable {

	private final DirectoryReader reader;

	private final FixedBitSet live;

	private final int[] docs;

	private final String[] paths;

	private final Map<String, Integer> docByPath = new HashMap<>();

	private final Map<String, CollectionStatistics> collectionStats = new HashMap<>();

	private final Map<Term, long[]> termStats = new HashMap<>();

	private final CommitSearcher searcher;

	CommitView(DirectoryReader reader, List<Integer> liveDocs) throws IOException {
		this.reader = reader;
		this.live = new FixedBitSet(Math.max(1, reader.maxDoc()));
		this.docs = liveDocs.stream().mapToInt(Integer::intValue).sorted().toArray();
		this.paths = new String[docs.length];
		for (int doc : docs) {
			live.set(doc);
		}
		for (int i = 0; i < docs.length; i++) {
			paths[i] = reader.storedFields().document(docs[i]).get(Fields.PATH);
			docByPath.put(paths[i], i);
		}
		this.searcher = new CommitSearcher(reader);
		this.searcher.setQueryCache(null);
	}

	/** Number of files; files are numbered 0..size-1 in the order of their paths' documents. */
	public int size() {
		return docs.length;
	}

	public String path(int file) {
		return paths[file];
	}

	/** The file number of a path, or -1. */
	public int file(String path) {
		Integer i = docByPath.get(path);
		return i == null ? -1 : i;
	}

	public List<String> paths() {
		return Arrays.asList(paths);
	}

	/** Number of terms of a field of a file. */
	public long length(int file, String field) throws IOException {
		int global = docs[file];
		LeafReaderContext leaf = reader.leaves().get(org.apache.lucene.index.ReaderUtil.subIndex(global, reader.leaves()));
		NumericDocValues lengths = leaf.reader().getNumericDocValues(Fields.LENGTH_PREFIX + field);
		return lengths != null && lengths.advanceExact(global - leaf.docBase) ? lengths.longValue() : 0;
	}

	public List<String> imports(int file) throws IOException {
		String stored = reader.storedFields().document(docs[file]).get(Fields.IMPORTS);
		return stored == null || stored.isEmpty() ? List.of() : List.of(stored.split("\n"));
	}

	/**
	 * The file's short description for sentence embeddings; documents indexed before summaries were
	 * stored get their path as words.
	 */
	public String summary(int file) throws IOException {
		String stored = reader.storedFields().document(docs[file]).get(Fields.SUMMARY);
		return stored != null ? stored : FileSummary.of(paths[file], "", List.of());
	}

	/**
	 * BM25 score of every file for a query of weighted terms on one field; 0 for files that match
	 * none.
	 */
	public float[] bm25(String field, Map<String, Float> weightedTerms) throws IOException {
		if (weightedTerms.isEmpty()) {
			return new float[docs.length];
		}
		BooleanQuery.Builder query = new BooleanQuery.Builder();
		for (Map.Entry<String, Float> t : weightedTerms.entrySet()) {
			query.add(new BoostQuery(new TermQuery(new Term(field, t.getKey())), t.getValue()), BooleanClause.Occur.SHOULD);
		}
		return collect(query.build());
	}

	/** Files whose field holds the exact (untokenised) term. */
	public List<Integer> withTerm(String field, String term) throws IOException {
		List<Integer> files = new ArrayList<>();
		float[] hits = collect(new TermQuery(new Term(field, term)));
		for (int i = 0; i < hits.length; i++) {
			if (hits[i] > 0) {
				files.add(i);
			}
		}
		return files;
	}

	/** Files whose content holds these terms next to each other, in order. */
	public List<Integer> withPhrase(String field, List<String> terms) throws IOException {
		if (terms.isEmpty()) {
			return List.of();
		}
		Query q = terms.size() == 1 ? new TermQuery(new Term(field, terms.get(0)))
				: new PhraseQuery(field, terms.toArray(String[]::new));
		List<Integer> files = new ArrayList<>();
		float[] hits = collect(q);
		for (int i = 0; i < hits.length; i++) {
			if (hits[i] > 0) {
				files.add(i);
			}
		}
		return files;
	}

	/** Which of {@code terms} the file's field contains, in the given order. */
	public List<String> termsIn(int file, String field, List<String> terms) throws IOException {
		int global = docs[file];
		LeafReaderContext leaf = reader.leaves().get(org.apache.lucene.index.ReaderUtil.subIndex(global, reader.leaves()));
		Terms index = leaf.reader().terms(field);
		List<String> found = new ArrayList<>();
		if (index == null) {
			return found;
		}
		TermsEnum te = index.iterator();
		for (String t : terms) {
			if (te.seekExact(new org.apache.lucene.util.BytesRef(t))) {
				PostingsEnum p = te.postings(null, PostingsEnum.NONE);
				if (p.advance(global - leaf.docBase) == global - leaf.docBase) {
					found.add(t);
				}
			}
		}
		return found;
	}

	/** How many of this commit's files contain the term in the field. */
	public int docFreq(String field, String term) throws IOException {
		return (int) searcher.liveStatistics(new Term(field, term))[0];
	}

	private float[] collect(Query query) throws IOException {
		float[] scores = new float[docs.length];
		searcher.search(query, new SimpleCollector() {

			private int base;

			private Scorable scorer;

			@Override
			protected void doSetNextReader(LeafReaderContext context) {
				base = context.docBase;
			}

			@Override
			public void setScorer(Scorable scorer) {
				this.scorer = scorer;
			}

			@Override
			public void collect(int doc) throws IOException {
				int global = base + doc;
				if (live.get(global)) {
					int i = Arrays.binarySearch(docs, global);
					scores[i] = Math.max(scorer.score(), Float.MIN_NORMAL);
				}
			}

			@Override
			public ScoreMode scoreMode() {
				return ScoreMode.COMPLETE;
			}

		});
		return scores;
	}

	@Override
	public void close() throws IOException {
		reader.decRef();
	}

	/** Answers corpus statistics for this commit's files only. */
	private final class CommitSearcher extends IndexSearcher {

		CommitSearcher(DirectoryReader reader) {
			super(reader);
		}

		@Override
		public CollectionStatistics collectionStatistics(String field) throws IOException {
			if (collectionStats.containsKey(field)) {
				return collectionStats.get(field);
			}
			long docCount = 0;
			long sumLength = 0;
			for (LeafReaderContext leaf : reader.leaves()) {
				NumericDocValues lengths = leaf.reader().getNumericDocValues(Fields.LENGTH_PREFIX + field);
				if (lengths == null) {
					continue;
				}
				for (int doc = lengths.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = lengths.nextDoc()) {
					if (live.get(leaf.docBase + doc) && lengths.longValue() > 0) {
						docCount++;
						sumLength += lengths.longValue();
					}
				}
			}
			// Fields without lengths (exact names) only answer "which files", so any statistics do.
			CollectionStatistics stats = docCount == 0 ? super.collectionStatistics(field)
					: new CollectionStatistics(field, Math.max(docs.length, docCount), docCount, sumLength, sumLength);
			collectionStats.put(field, stats);
			return stats;
		}

		@Override
		public TermStatistics termStatistics(Term term, int docFreq, long totalTermFreq) throws IOException {
			long[] s = liveStatistics(term);
			// Lucene asks only about terms that exist somewhere in the index; when none of this
			// commit's files has it, its matches are not collected, so any valid statistics do.
			return s[0] == 0 ? new TermStatistics(term.bytes(), 1, 1) : new TermStatistics(term.bytes(), s[0], s[1]);
		}

		long[] liveStatistics(Term term) throws IOException {
			long[] cached = termStats.get(term);
			if (cached != null) {
				return cached;
			}
			long df = 0;
			long ttf = 0;
			for (LeafReaderContext leaf : reader.leaves()) {
				Terms terms = leaf.reader().terms(term.field());
				if (terms == null) {
					continue;
				}
				TermsEnum te = terms.iterator();
				if (!te.seekExact(term.bytes())) {
					continue;
				}
				PostingsEnum postings = te.postings(null, PostingsEnum.FREQS);
				for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
					if (live.get(leaf.docBase + doc)) {
						df++;
						ttf += postings.freq();
					}
				}
			}
			long[] stats = { df, Math.max(df, ttf) };
			termStats.put(term, stats);
			return stats;
		}

	}

}
