package io.bugbridge.search;

import java.util.List;

import io.bugbridge.embedding.SentenceEmbedder;

/**
 * Turns a ticket's text into a sentence embedding with the shared in-process model
 * ({@link SentenceEmbedder}: all-MiniLM-L6-v2, quantized ONNX, 384 dimensions, shipped in the jar,
 * so nothing is downloaded and no text leaves the machine). Loading takes about a second and some
 * 90 MB of native memory, so it happens on first use, off the request path (the embedding worker
 * calls it at start).
 */
final class TextEmbedder {

	/** Dimensions of every vector this model returns. */
	static final int DIMENSIONS = SentenceEmbedder.DIMENSIONS;

	private final SentenceEmbedder model;

	/**
	 * Share of the first line's own embedding (a ticket's summary) in the vector; 0 embeds the text
	 * as one. The summary says what the problem is; in a long text the model averages it away.
	 */
	private final double titleWeight;

	TextEmbedder(int maxChars) {
		this(maxChars, 0, null);
	}

	TextEmbedder(int maxChars, double titleWeight, java.nio.file.Path nativeCache) {
		this.model = new SentenceEmbedder(maxChars, nativeCache);
		this.titleWeight = titleWeight;
	}

	/** Loads the model now (once); later calls return at once. */
	void load() {
		model.load();
	}

	boolean isLoaded() {
		return model.isLoaded();
	}

	/**
	 * Identifies what {@link #embed} computes from {@code text}: the model, the length cut, the
	 * title weight and the text. A stored vector with another hash is stale.
	 */
	int hash(String text) {
		String cut = model.cut(text);
		return titleWeight == 0 ? java.util.Objects.hash(SentenceEmbedder.MODEL, cut)
				: java.util.Objects.hash(SentenceEmbedder.MODEL, cut, titleWeight);
	}

	/**
	 * The unit-length embedding of {@code text}, cut to the configured length first; with a title
	 * weight, mixed with the embedding of its first line when more follows.
	 */
	float[] embed(String text) {
		String cut = model.cut(text);
		float[] whole = model.embed(cut);
		int end = cut.indexOf('\n');
		if (titleWeight == 0 || end < 1 || cut.substring(0, end).isBlank() || cut.substring(end).isBlank()) {
			return whole;
		}
		float[] title = model.embed(cut.substring(0, end));
		float[] mixed = new float[whole.length];
		for (int i = 0; i < mixed.length; i++) {
			mixed[i] = (float) (titleWeight * title[i] + (1 - titleWeight) * whole[i]);
		}
		return SentenceEmbedder.normalized(mixed);
	}

	List<float[]> embedAll(List<String> texts) {
		return texts.stream().map(this::embed).toList();
	}

}
