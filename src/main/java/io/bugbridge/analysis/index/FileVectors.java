package io.bugbridge.analysis.index;

import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.bugbridge.analysis.git.TreeFile;
import io.bugbridge.embedding.SentenceEmbedder;

/**
 * Sentence embeddings of one repository's file summaries, kept by (path, blob): most files are the
 * same from one commit to the next, so a commit only embeds the files that changed. Computed when a
 * commit is indexed (off the request path in the service), so ranking a report costs one embedding
 * (the report's) and a dot product per file.
 */
public final class FileVectors {

	/** Old vectors are dropped when the cache holds this many times the current commit's. */
	private static final int KEEP_FACTOR = 4;

	/**
	 * Vectors used by any of this many most recent commits survive a drop: a repository analysed on
	 * two branches (a release branch and the main one) would otherwise embed each again in turn.
	 */
	private static final int KEEP_COMMITS = 16;

	private final SentenceEmbedder embedder;

	private final Map<String, float[]> byKey = new HashMap<>();

	/** The commit (a counter of {@link #of} calls) that last used each vector. */
	private final Map<String, Integer> lastUsed = new HashMap<>();

	private int commits;

	public FileVectors(SentenceEmbedder embedder) {
		this.embedder = embedder;
	}

	/**
	 * The vector of every file of {@code view} (indexed like the view's files), embedding those not
	 * seen before.
	 *
	 * @return the vectors and how many files had to be embedded
	 */
	public synchronized Result of(List<TreeFile> files, CommitView view) throws IOException {
		float[][] vectors = new float[view.size()][];
		int embedded = 0;
		int now = ++commits;
		Set<String> current = new HashSet<>();
		for (TreeFile f : files) {
			int i = view.file(f.path());
			if (i < 0) {
				continue;
			}
			current.add(f.key());
			lastUsed.put(f.key(), now);
			float[] v = byKey.get(f.key());
			if (v == null) {
				v = embedder.embed(view.summary(i));
				byKey.put(f.key(), v);
				embedded++;
			}
			vectors[i] = v;
		}
		if (byKey.size() > KEEP_FACTOR * Math.max(1, current.size())) {
			lastUsed.values().removeIf(commit -> commit <= now - KEEP_COMMITS);
			byKey.keySet().retainAll(lastUsed.keySet());
		}
		return new Result(vectors, embedded);
	}

	public SentenceEmbedder embedder() {
		return embedder;
	}

	/**
	 * @param vectors one unit vector per file of the view
	 * @param embedded files embedded for this commit (not cached before)
	 */
	public record Result(float[][] vectors, int embedded) {
	}

}
