package io.bugbridge.cli;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.bugbridge.analysis.Feature;

/**
 * Fits the ranker's linear weights on dumped feature values by coordinate ascent, and scores a
 * weight vector the way {@code bench localize} does (files scoring 0 or less are not ranked; ties go
 * to the shorter path; {@link #DEPTH} files ranked).
 */
final class RankFit {

	static final int DEPTH = 50;

	private static final double[] POSITIVE = { 0, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 1, 1.5, 2, 3 };

	private static final double[] SIGNED = { -3, -2, -1, -0.7, -0.5, -0.3, -0.2, -0.1, -0.05, 0, 0.05, 0.1, 0.2, 0.5 };

	/** Priors may push files down; evidence may only pull them up. */
	private static final Set<Feature> PRIORS = Set.of(Feature.TEST_FILE, Feature.AUXILIARY_FILE, Feature.PACKAGE_FILE,
			Feature.SIZE);

	/** Breaks near-ties in favour of fewer and smaller weights (a mild L1 penalty). */
	private static final double L1 = 0;

	private static final int PASSES = 3;

	private RankFit() {
	}

	/** Rank of the first gold file (0 if not ranked) and average precision, for one report. */
	record Outcome(int first, double ap) {
	}

	/** Ranks the report's rows by {@code s + d * col} (col may be null) and reads off the gold files. */
	static Outcome outcome(RankData data, double[] s, double[] col, double d) {
		int n = data.rows();
		int[] ranks = new int[data.goldCount()];
		int found = 0;
		for (int g = 0; g < n; g++) {
			if (!data.gold()[g]) {
				continue;
			}
			double sg = col == null ? s[g] : s[g] + d * col[g];
			if (sg <= 0) {
				continue;
			}
			int rank = 1;
			for (int r = 0; r < n && rank <= DEPTH; r++) {
				double sr = col == null ? s[r] : s[r] + d * col[r];
				if (sr > sg || sr == sg && data.tie()[r] < data.tie()[g]) {
					rank++;
				}
			}
			if (rank <= DEPTH && found < ranks.length) {
				ranks[found++] = rank;
			}
		}
		if (found == 0) {
			return new Outcome(0, 0);
		}
		int[] sorted = Arrays.copyOf(ranks, found);
		Arrays.sort(sorted);
		double ap = 0;
		for (int k = 0; k < found; k++) {
			ap += (k + 1.0) / sorted[k];
		}
		return new Outcome(sorted[0], ap / data.goldCount());
	}

	/** What the fit maximizes: Acc@1 counts most, Acc@5/10, MRR and MAP keep the rest of the list honest. */
	static double objective(Outcome o) {
		if (o.first() == 0) {
			return 0;
		}
		return (o.first() == 1 ? 1 : 0) + 0.5 * (o.first() <= 5 ? 1 : 0) + 0.5 * (o.first() <= 10 ? 1 : 0)
				+ 1.0 / o.first() + 0.5 * o.ap();
	}

	/**
	 * The confidence level {@code Ranker.confidence} gives this ranking: a direct pointer (stack
	 * frame, path, module) on the top file and/or at least 30 % of the top-five score mass.
	 */
	static String confidence(RankData data, double[] s, double[] w) {
		Integer[] order = new Integer[data.rows()];
		Arrays.setAll(order, i -> i);
		Arrays.sort(order, (a, b) -> s[a] != s[b] ? Double.compare(s[b], s[a]) : Integer.compare(data.tie()[a], data.tie()[b]));
		if (order.length == 0 || s[order[0]] <= 0) {
			return "LOW";
		}
		double sum = 0;
		for (int k = 0; k < Math.min(5, order.length) && s[order[k]] > 0; k++) {
			sum += s[order[k]];
		}
		int top = order[0];
		boolean direct = false;
		for (Feature f : List.of(Feature.STACK_FRAME, Feature.PATH_MENTION, Feature.MODULE_MENTION)) {
			direct |= w[f.ordinal()] * data.x()[f.ordinal()][top] > 0;
		}
		boolean leads = s[top] / sum >= 0.3;
		return direct && leads ? "HIGH" : direct || leads ? "MEDIUM" : "LOW";
	}

	static double[] scores(RankData data, double[] w) {
		double[] s = new double[data.rows()];
		for (int f = 0; f < w.length; f++) {
			if (w[f] != 0) {
				double[] col = data.x()[f];
				for (int r = 0; r < s.length; r++) {
					s[r] += w[f] * col[r];
				}
			}
		}
		return s;
	}

	/**
	 * Coordinate ascent from "content BM25 only" over the allowed features, a coarse grid each,
	 * {@link #PASSES} passes.
	 */
	static double[] fit(List<RankData> train, Set<Feature> allowed) {
		double[] w = new double[Feature.values().length];
		w[Feature.CONTENT.ordinal()] = 1;
		double[][] s = new double[train.size()][];
		for (int i = 0; i < s.length; i++) {
			s[i] = scores(train.get(i), w);
		}
		for (int pass = 0; pass < PASSES; pass++) {
			boolean changed = false;
			for (Feature f : Feature.values()) {
				if (!allowed.contains(f)) {
					continue;
				}
				int fi = f.ordinal();
				double current = w[fi];
				double best = total(train, s, fi, 0) - L1 * Math.abs(current) * train.size();
				double bestValue = current;
				for (double v : PRIORS.contains(f) ? SIGNED : POSITIVE) {
					if (v == current) {
						continue;
					}
					double obj = total(train, s, fi, v - current) - L1 * Math.abs(v) * train.size();
					if (obj > best + 1e-9) {
						best = obj;
						bestValue = v;
					}
				}
				if (bestValue != current) {
					changed = true;
					w[fi] = bestValue;
					for (int i = 0; i < s.length; i++) {
						double[] col = train.get(i).x()[fi];
						for (int r = 0; r < col.length; r++) {
							s[i][r] += (bestValue - current) * col[r];
						}
					}
				}
			}
			if (!changed) {
				break;
			}
		}
		return w;
	}

	private static double total(List<RankData> train, double[][] s, int feature, double d) {
		double sum = 0;
		for (int i = 0; i < s.length; i++) {
			RankData data = train.get(i);
			sum += objective(outcome(data, s[i], d == 0 ? null : data.x()[feature], d));
		}
		return sum;
	}

	static Map<Feature, Double> asMap(double[] w) {
		Map<Feature, Double> m = new EnumMap<>(Feature.class);
		for (Feature f : Feature.values()) {
			m.put(f, w[f.ordinal()]);
		}
		return m;
	}

}
