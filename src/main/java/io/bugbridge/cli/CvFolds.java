package io.bugbridge.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Train/test splits for cross-validating the ranker inside the development data, the two ways a
 * deployed ranker meets new reports: later reports of a repository it has seen (time folds, as
 * Ye et al. evaluate), and a repository it has never seen (leave-one-repository-out).
 */
final class CvFolds {

	record Fold(String name, List<RankData> train, List<RankData> test) {
	}

	private CvFolds() {
	}

	/**
	 * Rolling time folds: the reports ordered by commit time are cut into {@code k + 1} blocks; fold
	 * {@code j} tests block {@code j} and trains on every report strictly older than the block's
	 * oldest one (so the first block is never tested). An instance present in several data sets
	 * (the same id) is never on both sides.
	 */
	static List<Fold> byTime(List<RankData> all, int k) {
		List<RankData> sorted = new ArrayList<>(all);
		sorted.sort(Comparator.comparingInt(RankData::time).thenComparing(RankData::id));
		List<Fold> folds = new ArrayList<>();
		int n = sorted.size();
		for (int j = 1; j <= k; j++) {
			List<RankData> test = sorted.subList(j * n / (k + 1), (j + 1) * n / (k + 1));
			if (test.isEmpty()) {
				continue;
			}
			int oldest = test.get(0).time();
			Set<String> testIds = ids(test);
			List<RankData> train = sorted.stream().filter(d -> d.time() < oldest && !testIds.contains(d.id())).toList();
			folds.add(new Fold("time-" + j, train, List.copyOf(test)));
		}
		return folds;
	}

	/** One fold per repository: its reports are tested, trained on every other repository's. */
	static List<Fold> byRepository(List<RankData> all) {
		Set<String> repos = new LinkedHashSet<>();
		all.forEach(d -> repos.add(d.repo()));
		List<Fold> folds = new ArrayList<>();
		for (String repo : repos) {
			List<RankData> test = all.stream().filter(d -> d.repo().equals(repo)).toList();
			List<RankData> train = all.stream().filter(d -> !d.repo().equals(repo)).toList();
			folds.add(new Fold("repo-" + repo, train, test));
		}
		return folds;
	}

	private static Set<String> ids(List<RankData> list) {
		Set<String> ids = new LinkedHashSet<>();
		list.forEach(d -> ids.add(d.id()));
		return ids;
	}

}
