package io.bugbridge.cli;

import java.util.List;
import java.util.Set;

import io.bugbridge.analysis.Feature;

/**
 * A linear listwise learner (ListNet-style softmax cross-entropy): each report's scores are turned
 * into a softmax over its candidate files, and the fit maximizes the probability mass on the gold
 * files. Unlike the pairwise loss, which counts a gold file beaten by the 300th file as much as one
 * beaten by the 1st, the softmax is dominated by the files at the top of the list, which is what
 * Acc@k measures. L2-regularized, projected gradient descent with the same constraints as
 * {@link PairwiseFit} (evidence weights stay non-negative; priors may be negative).
 */
final class ListwiseFit {

	/** The same number of steps as {@link PairwiseFit}, so the two learners compare fairly. */
	private static final int STEPS = PairwiseFit.STEPS;

	private ListwiseFit() {
	}

	static double[] fit(List<RankData> train, Set<Feature> allowed, double lambda) {
		int nf = Feature.values().length;
		double[] w = new double[nf];
		w[Feature.CONTENT.ordinal()] = 1;
		boolean[] use = new boolean[nf];
		allowed.forEach(f -> use[f.ordinal()] = true);
		for (int step = 0; step < STEPS; step++) {
			double[] grad = new double[nf];
			for (RankData d : train) {
				addGradient(d, RankFit.scores(d, w), use, grad);
			}
			PairwiseFit.descend(w, grad, use, train.size(), lambda);
		}
		return w;
	}

	/**
	 * Gradient of {@code -log(sum over gold of e^s / sum over all of e^s)}: the softmax-weighted
	 * mean of the gold rows' features minus that of all rows, negated.
	 */
	private static void addGradient(RankData d, double[] s, boolean[] use, double[] grad) {
		int n = d.rows();
		int golds = 0;
		double max = Double.NEGATIVE_INFINITY;
		double goldMax = Double.NEGATIVE_INFINITY;
		for (int r = 0; r < n; r++) {
			max = Math.max(max, s[r]);
			if (d.gold()[r]) {
				golds++;
				goldMax = Math.max(goldMax, s[r]);
			}
		}
		// A report with no gold candidate, or nothing but gold candidates, carries no ranking signal.
		if (golds == 0 || golds == n) {
			return;
		}
		double all = 0;
		double gold = 0;
		for (int r = 0; r < n; r++) {
			all += Math.exp(s[r] - max);
			if (d.gold()[r]) {
				gold += Math.exp(s[r] - goldMax);
			}
		}
		for (int r = 0; r < n; r++) {
			double p = Math.exp(s[r] - max) / all;
			double pg = d.gold()[r] ? Math.exp(s[r] - goldMax) / gold : 0;
			for (int f = 0; f < grad.length; f++) {
				if (use[f]) {
					grad[f] -= (pg - p) * d.x()[f][r];
				}
			}
		}
	}

}
