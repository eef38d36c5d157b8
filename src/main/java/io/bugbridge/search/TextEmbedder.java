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

	TextEmbedder(int maxChars) {
		this(maxChars, null);
	}

	TextEmbedder(int maxChars, java.nio.file.Path nativeCache) {
		this.model = new SentenceEmbedder(maxChars, nativeCache);
	}

	/** Loads the model now (once); later calls return at once. */
	void load() {
		model.load();
	}

	boolean isLoaded() {
		return model.isLoaded();
	}

	/**
	 * Identifies what {@link #embed} computes from {@code text}: the model, the length cut and the
	 * text. A stored vector with another hash is stale.
	 */
	int hash(String text) {
		return java.util.Objects.hash(SentenceEmbedder.MODEL, model.cut(text));
	}

	/** The unit-length embedding of {@code text}, cut to the configured length first. */
	float[] embed(String text) {
		return model.embed(text);
	}

	List<float[]> embedAll(List<String> texts) {
		return texts.stream().map(this::embed).toList();
	}

}
