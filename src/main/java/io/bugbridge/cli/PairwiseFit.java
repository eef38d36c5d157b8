package io.bugbridge.cli;

import java.util.List;
import java.util.Set;

import io.bugbridge.analysis.Feature;

/**
 * A linear RankSVM-style learner: logistic loss on (gold file, other file) pairs of each report,
 * every report weighing the same, L2-regularized, fitted by projected gradient descent (evidence
 * weights stay non-negative; priors may be negative). Smooth and convex, so it moves less with the
 * training sample than coordinate ascent on Acc@k does.
 */
final class PairwiseFit {

	private static final Set<Feature> PRIORS = Set.of(Feature.TEST_FILE, Feature.AUXILIARY_FILE,
			Feature.PACKAGE_FILE, Feature.SIZE);

	static final int STEPS = 300;

	private static final double RATE = 2.0;

	private PairwiseFit() {
	}

	static double[] fit(List<RankData> train, Set<Feature> allowed, double lambda) {
		return fit(train, allowed, lambda, 0);
	}

	/**
	 * With {@code hard > 0}, a gold file is only paired with the files that currently outrank it or
	 * sit among the {@code hard} best: the pairs that decide Acc@k, not the long tail.
	 */
	static double[] fit(List<RankData> train, Set<Feature> allowed, double lambda, int hard) {
		int nf = Feature.values().length;
		double[] w = new double[nf];
		w[Feature.CONTENT.ordinal()] = 1;
		boolean[] use = new boolean[nf];
		allowed.forEach(f -> use[f.ordinal()] = true);
		for (int step = 0; step < STEPS; step++) {
			double[] grad = new double[nf];
			for (RankData d : train) {
				double[] s = RankFit.scores(d, w);
				int n = d.rows();
				double cut = hard > 0 ? kthLargest(s, hard) : Double.NEGATIVE_INFINITY;
				int pairs = 0;
				double[] g = new double[nf];
				for (int p = 0; p < n; p++) {
					if (!d.gold()[p]) {
						continue;
					}
					for (int q = 0; q < n; q++) {
						if (d.gold()[q] || s[q] < cut && s[q] < s[p]) {
							continue;
						}
						pairs++;
						// d/dw log(1 + exp(-(s_p - s_q))) = -sigmoid(-(s_p - s_q)) * (x_p - x_q)
						double coef = 1 / (1 + Math.exp(s[p] - s[q]));
						for (int f = 0; f < nf; f++) {
							if (use[f]) {
								g[f] -= coef * (d.x()[f][p] - d.x()[f][q]);
							}
						}
					}
				}
				if (pairs > 0) {
					for (int f = 0; f < nf; f++) {
						grad[f] += g[f] / pairs;
					}
				}
			}
			descend(w, grad, use, train.size(), lambda);
		}
		return w;
	}

	/**
	 * One projected gradient step, shared by both learners: L2-regularized, signals left out stay 0,
	 * evidence weights stay non-negative while priors may go negative.
	 */
	static void descend(double[] w, double[] grad, boolean[] use, int reports, double lambda) {
		for (int f = 0; f < w.length; f++) {
			if (!use[f]) {
				w[f] = 0;
				continue;
			}
			w[f] -= RATE * (grad[f] / reports + lambda * w[f]);
			if (w[f] < 0 && !PRIORS.contains(Feature.values()[f])) {
				w[f] = 0;
			}
		}
	}

	private static double kthLargest(double[] s, int k) {
		if (s.length <= k) {
			return Double.NEGATIVE_INFINITY;
		}
		double[] sorted = s.clone();
		java.util.Arrays.sort(sorted);
		return sorted[sorted.length - k];
	}

}
