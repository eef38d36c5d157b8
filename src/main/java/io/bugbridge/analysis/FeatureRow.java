package io.bugbridge.analysis;

import java.util.Map;

/**
 * A file's raw signal values before they are weighted, for tuning and diagnostics.
 *
 * @param path the file
 * @param score the combined score
 * @param features signal name to value (about 0..1)
 */
public record FeatureRow(String path, double score, Map<String, Double> features) {
}
