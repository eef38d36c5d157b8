package io.bugbridge.embedding;

/** The model cannot embed now: the JVM is exiting. Callers stop quietly; nothing is wrong. */
public class EmbeddingsUnavailableException extends IllegalStateException {

	EmbeddingsUnavailableException(String message) {
		super(message);
	}

}
