package io.bugbridge.analysis.rank;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.bugbridge.analysis.Feature;
import io.bugbridge.analysis.git.CommitHistory;
import io.bugbridge.analysis.git.CommitHistory.CommitInfo;
import io.bugbridge.analysis.index.CommitView;

/**
 * Collaborative filtering over the history (Ye et al.): past commits whose messages read like the
 * report (BM25 over commit messages) changed files that the same kind of problem tends to involve.
 * Only commits reachable from the analysed one are given, so later fixes never leak in.
 */
final class SimilarFixes {

	static final int SIMILAR_COMMITS = 15;

	private final List<CommitInfo> past;

	private final CommitHistory history;

	private final CommitView view;

	private final List<List<String>> docs;

	private final Map<String, Integer> df = new HashMap<>();

	private final double avgLength;

	SimilarFixes(List<CommitInfo> past, CommitHistory history, MessageTerms messages, CommitView view) {
		this.past = past;
		this.history = history;
		this.view = view;
		this.docs = new ArrayList<>(past.size());
		long totalLength = 0;
		for (CommitInfo c : past) {
			List<String> terms = messages.of(c);
			docs.add(terms);
			totalLength += terms.size();
			for (String term : new LinkedHashSet<>(terms)) {
				df.merge(term, 1, Integer::sum);
			}
		}
		this.avgLength = Math.max(1, (double) totalLength / Math.max(1, past.size()));
	}

	/** Adds the files changed by the commits most similar to {@code queryTerms} to {@code feature}. */
	void score(List<String> queryTerms, Feature feature, FeatureTable t) {
		if (past.isEmpty()) {
			return;
		}
		Set<String> query = new LinkedHashSet<>(queryTerms);
		double[] scores = new double[past.size()];
		for (int d = 0; d < past.size(); d++) {
			List<String> terms = docs.get(d);
			if (terms.isEmpty()) {
				continue;
			}
			Map<String, Integer> tf = new HashMap<>();
			for (String term : terms) {
				tf.merge(term, 1, Integer::sum);
			}
			double s = 0;
			for (String q : query) {
				Integer f = tf.get(q);
				if (f != null) {
					double idf = Math.log(1 + (past.size() - df.get(q) + 0.5) / (df.get(q) + 0.5));
					s += idf * f * 2.2 / (f + 1.2 * (0.25 + 0.75 * terms.size() / avgLength));
				}
			}
			scores[d] = s;
		}
		Integer[] order = new Integer[past.size()];
		Arrays.setAll(order, i -> i);
		Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
		double top = scores[order[0]];
		if (top <= 0) {
			return;
		}
		int used = 0;
		for (int k = 0; k < order.length && used < SIMILAR_COMMITS && scores[order[k]] > 0; k++) {
			CommitInfo c = past.get(order[k]);
			List<String> changed = history.changedPaths(c);
			if (changed.isEmpty() || changed.size() > CommitHistory.BULK_CHANGE) {
				continue;
			}
			used++;
			double weight = scores[order[k]] / top / Math.sqrt(changed.size());
			String firstLine = c.message().strip().lines().findFirst().orElse("");
			String detail = c.id().abbreviate(10).name() + " "
					+ (firstLine.length() > 70 ? firstLine.substring(0, 67) + "..." : firstLine);
			for (String p : changed) {
				int file = view.file(p);
				if (file >= 0) {
					t.add(feature, file, weight, detail);
				}
			}
		}
		t.normalizeMax(feature, 1);
	}

}
