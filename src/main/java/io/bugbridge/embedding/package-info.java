/**
 * Sentence embeddings computed in this process (all-MiniLM-L6-v2, quantized ONNX, shipped in the
 * jar): one small API so that the modules that compare texts by meaning (ticket search, bug
 * analysis) share the model instead of each wrapping it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Sentence embeddings")
package io.bugbridge.embedding;
