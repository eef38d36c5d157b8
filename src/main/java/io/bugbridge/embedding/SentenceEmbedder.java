package io.bugbridge.embedding;

import java.nio.file.Path;

import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

/**
 * Turns a text into a unit-length sentence embedding: all-MiniLM-L6-v2 (quantized ONNX, 384
 * dimensions) on the caller's thread. LangChain4j holds the loaded network in a static field, so
 * every instance shares one copy (about 90 MB of native memory, loaded on first use, about a second).
 */
public final class SentenceEmbedder {

	/** Dimensions of every vector this model returns. */
	public static final int DIMENSIONS = 384;

	/** Identifies the model in cache keys: a vector of another model must not be reused. */
	public static final String MODEL = "all-minilm-l6-v2-q";

	/**
	 * The model reads at most 256 word pieces; longer texts are split and averaged, which costs time
	 * in proportion and blurs the opening that says what the text is about.
	 */
	private final int maxChars;

	/** Where the tokenizer may unpack its native library; null for its default (~/.djl.ai). */
	private final Path nativeCache;

	private volatile AllMiniLmL6V2QuantizedEmbeddingModel model;

	public SentenceEmbedder(int maxChars, Path nativeCache) {
		this.maxChars = maxChars;
		this.nativeCache = nativeCache;
	}

	/** Loads the model now (once); later calls return at once. */
	public void load() {
		model();
	}

	public boolean isLoaded() {
		return model != null;
	}

	/** The text {@link #embed} reads: {@code text} cut to the configured length. */
	public String cut(String text) {
		return text.length() > maxChars ? text.substring(0, maxChars) : text;
	}

	/** The unit-length embedding of {@code text}, cut to the configured length first. */
	public float[] embed(String text) {
		return normalized(model().embed(cut(text)).content().vector());
	}

	/** Cosine similarity of two unit vectors. */
	public static double cosine(float[] a, float[] b) {
		double dot = 0;
		for (int i = 0; i < a.length; i++) {
			dot += a[i] * b[i];
		}
		return dot;
	}

	private AllMiniLmL6V2QuantizedEmbeddingModel model() {
		AllMiniLmL6V2QuantizedEmbeddingModel loaded = model;
		if (loaded == null) {
			synchronized (this) {
				loaded = model;
				if (loaded == null) {
					// The tokenizer (DJL) unpacks a native library under the user's home, which a
					// container's user may not have or may not write: use the given place instead,
					// unless the operator chose one (DJL_CACHE_DIR).
					if (nativeCache != null && System.getProperty("DJL_CACHE_DIR") == null
							&& System.getenv("DJL_CACHE_DIR") == null) {
						System.setProperty("DJL_CACHE_DIR", nativeCache.toAbsolutePath().toString());
					}
					// A direct executor: one text at a time on the caller's thread, no extra pool.
					loaded = new AllMiniLmL6V2QuantizedEmbeddingModel(Runnable::run);
					model = loaded;
				}
			}
		}
		return loaded;
	}

	/** {@code vector} scaled to length 1 (returned as is when it is all zeros). */
	public static float[] normalized(float[] vector) {
		double sum = 0;
		for (float v : vector) {
			sum += v * v;
		}
		float norm = (float) Math.sqrt(sum);
		if (norm == 0) {
			return vector;
		}
		float[] unit = new float[vector.length];
		for (int i = 0; i < vector.length; i++) {
			unit[i] = vector[i] / norm;
		}
		return unit;
	}

}
