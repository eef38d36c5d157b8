package io.bugbridge.analysis;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.bugbridge.analysis.git.CommitHistory;
import io.bugbridge.analysis.git.CommitHistory.CommitInfo;
import io.bugbridge.analysis.index.CommitView;
import io.bugbridge.analysis.rank.FeatureExtractor;
import io.bugbridge.analysis.rank.FeatureTable;
import io.bugbridge.analysis.rank.MessageTerms;
import io.bugbridge.analysis.rank.Ranker;
import io.bugbridge.analysis.rank.SummaryVectors;
import org.eclipse.jgit.lib.ObjectId;

/** One commit of a repository, indexed and ready to rank reports against. Close it when done. */
public final class IndexedCommit implements AutoCloseable {

	private final ObjectId commit;

	private final CommitView view;

	private final int analysedFiles;

	private final CommitHistory history;

	private final MessageTerms messages;

	private final Ranker ranker;

	/** File summary embeddings, or null when the localizer has no embedding model. */
	private final SummaryVectors vectors;

	private List<CommitInfo> past;

	IndexedCommit(ObjectId commit, CommitView view, int analysedFiles, CommitHistory history, MessageTerms messages,
			SummaryVectors vectors) {
		this.commit = commit;
		this.view = view;
		this.analysedFiles = analysedFiles;
		this.history = history;
		this.messages = messages;
		this.vectors = vectors;
		this.ranker = Ranker.forPaths(view.paths());
	}

	public String commit() {
		return commit.name();
	}

	/** Files of the commit that are indexed (code files that could be read). */
	public int fileCount() {
		return view.size();
	}

	/** Files that had to be read and analysed for this commit, i.e. were not indexed before. */
	public int analysedFiles() {
		return analysedFiles;
	}

	/** Files whose summaries had to be embedded for this commit (0 without an embedding model). */
	public int embeddedFiles() {
		return vectors == null ? 0 : vectors.embedded();
	}

	public List<String> paths() {
		return view.paths();
	}

	/** The {@code topK} files most likely involved in the reported bug, with evidence and confidence. */
	public Localization rank(BugReport report, int topK) throws IOException {
		List<StackFrame> frames = StackTraces.parse(report.text());
		Mentions mentions = Mentions.extract(report.text());
		FeatureExtractor extractor = extractor();
		FeatureTable table = extractor.extract(report, frames, mentions);
		double[] scores = ranker.scores(table, extractor, view);
		List<RankedFile> files = ranker.explain(table, scores, Ranker.top(scores, view, topK), view, report.text());
		return new Localization(commit.name(), files, Ranker.confidence(files), frames, mentions);
	}

	/**
	 * Raw signal values of the files that score best on any single signal ({@code perFeature} per
	 * signal), for tuning weights and diagnostics. Neither the shortlist nor the values depend on the
	 * current weights (so the import-neighbour signal, which needs a first ranking, stays 0).
	 */
	public List<FeatureRow> features(BugReport report, int perFeature) throws IOException {
		FeatureExtractor extractor = extractor();
		FeatureTable table = extractor.extract(report, StackTraces.parse(report.text()), Mentions.extract(report.text()));
		double[] scores = ranker.scores(table);
		List<FeatureRow> rows = new ArrayList<>();
		for (int i : Ranker.candidates(table, perFeature)) {
			Map<String, Double> values = new LinkedHashMap<>();
			for (Feature f : Feature.values()) {
				values.put(f.name(), table.get(f, i));
			}
			rows.add(new FeatureRow(view.path(i), scores[i], values));
		}
		return rows;
	}

	/** Commit time of the analysed commit (seconds since the epoch). */
	public int commitTime() throws IOException {
		List<CommitInfo> commits = pastCommits();
		return commits.isEmpty() ? 0 : commits.get(0).time();
	}

	private FeatureExtractor extractor() {
		return new FeatureExtractor(view, history, this::pastCommits, messages, vectors);
	}

	private synchronized List<CommitInfo> pastCommits() throws IOException {
		if (past == null) {
			past = history.reachable(commit, FeatureExtractor.HISTORY_DEPTH);
		}
		return past;
	}

	@Override
	public void close() throws IOException {
		view.close();
	}

}
