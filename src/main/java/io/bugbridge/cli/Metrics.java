package io.bugbridge.cli;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Ranking metrics over many reports: Acc@k (a gold file in the top k), MAP (average precision over
 * all gold files; a gold file not ranked counts as missed) and MRR (1/rank of the first gold file).
 */
final class Metrics {

	private int count;

	private final int[] hitsAt = new int[11];

	private double sumAp;

	private double sumRr;

	Score add(List<String> ranked, List<String> gold) {
		Set<String> goldSet = new HashSet<>(gold);
		int first = 0;
		int found = 0;
		double precisionSum = 0;
		for (int k = 0; k < ranked.size(); k++) {
			if (goldSet.contains(ranked.get(k))) {
				found++;
				precisionSum += (double) found / (k + 1);
				if (first == 0) {
					first = k + 1;
				}
			}
		}
		double ap = goldSet.isEmpty() ? 0 : precisionSum / goldSet.size();
		count++;
		for (int k = 1; k <= 10; k++) {
			if (first > 0 && first <= k) {
				hitsAt[k]++;
			}
		}
		sumAp += ap;
		sumRr += first > 0 ? 1.0 / first : 0;
		return new Score(first, ap);
	}

	int count() {
		return count;
	}

	double accuracy(int k) {
		return count == 0 ? 0 : (double) hitsAt[k] / count;
	}

	double meanAveragePrecision() {
		return count == 0 ? 0 : sumAp / count;
	}

	double meanReciprocalRank() {
		return count == 0 ? 0 : sumRr / count;
	}

	record Score(int firstRank, double averagePrecision) {
	}

}
