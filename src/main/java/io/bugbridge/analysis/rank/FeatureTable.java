package io.bugbridge.analysis.rank;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.bugbridge.analysis.Feature;

/** Feature values of every file of a commit for one report, with the details behind them. */
public final class FeatureTable {

	private final int files;

	private final double[][] values;

	private final List<Map<Integer, List<String>>> details = new ArrayList<>();

	FeatureTable(int files) {
		this.files = files;
		this.values = new double[Feature.values().length][files];
		for (int f = 0; f < Feature.values().length; f++) {
			details.add(new HashMap<>());
		}
	}

	public int files() {
		return files;
	}

	public double get(Feature feature, int file) {
		return values[feature.ordinal()][file];
	}

	void set(Feature feature, int file, double value) {
		values[feature.ordinal()][file] = value;
	}

	void add(Feature feature, int file, double value, String detail) {
		values[feature.ordinal()][file] += value;
		note(feature, file, detail);
	}

	void max(Feature feature, int file, double value, String detail) {
		if (value > values[feature.ordinal()][file]) {
			values[feature.ordinal()][file] = value;
		}
		note(feature, file, detail);
	}

	void note(Feature feature, int file, String detail) {
		if (detail != null) {
			List<String> d = details.get(feature.ordinal()).computeIfAbsent(file, k -> new ArrayList<>());
			if (d.size() < 5 && !d.contains(detail)) {
				d.add(detail);
			}
		}
	}

	List<String> details(Feature feature, int file) {
		return details.get(feature.ordinal()).getOrDefault(file, List.of());
	}

	/** Scales a feature so that its largest value is {@code top} (no change if all are 0). */
	void normalizeMax(Feature feature, double top) {
		double[] v = values[feature.ordinal()];
		double max = 0;
		for (double x : v) {
			max = Math.max(max, x);
		}
		if (max > 0) {
			for (int i = 0; i < v.length; i++) {
				v[i] = v[i] / max * top;
			}
		}
	}

	/** Caps a feature at 1. */
	void cap(Feature feature) {
		double[] v = values[feature.ordinal()];
		for (int i = 0; i < v.length; i++) {
			v[i] = Math.min(1, v[i]);
		}
	}

	double[] column(Feature feature) {
		return values[feature.ordinal()];
	}

}
