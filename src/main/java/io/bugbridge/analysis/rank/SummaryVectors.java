package io.bugbridge.analysis.rank;

import io.bugbridge.analysis.Feature;
import io.bugbridge.embedding.SentenceEmbedder;

/**
 * A commit's file summary embeddings and the model that made them, for {@link Feature#EMBEDDING}.
 *
 * @param embedder embeds the report with the same model
 * @param files one unit vector per file of the commit's view
 * @param embedded files that had to be embedded for this commit (not cached before)
 */
public record SummaryVectors(SentenceEmbedder embedder, float[][] files, int embedded) {

	/** The report text the model reads: title first, cut to what the model reads at once. */
	public float[] embedReport(String title, String body) {
		return embedder.embed(body.isBlank() ? title : title + ".\n" + body);
	}

}
