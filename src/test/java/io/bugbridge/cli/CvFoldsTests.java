package io.bugbridge.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.bugbridge.analysis.Feature;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CvFoldsTests {

	@Test
	void timeFoldsNeverTrainOnAReportNewerThanOneTheyTest() {
		List<RankData> all = new ArrayList<>();
		for (int i = 0; i < 60; i++) {
			// Shuffled times, with repeats, over two data sets sharing some ids (as Lite and Verified do).
			int time = (i * 37) % 50;
			all.add(report("id-" + (i % 45), i < 45 ? "lite" : "verified", "r/" + (i % 3), time));
		}
		List<CvFolds.Fold> folds = CvFolds.byTime(all, 5);
		assertThat(folds).hasSize(5);
		int tested = 0;
		for (CvFolds.Fold fold : folds) {
			int oldestTested = fold.test().stream().mapToInt(RankData::time).min().orElseThrow();
			assertThat(fold.train()).allSatisfy(d -> assertThat(d.time()).isLessThan(oldestTested));
			Set<String> testIds = new java.util.HashSet<>(fold.test().stream().map(RankData::id).toList());
			assertThat(fold.train()).noneMatch(d -> testIds.contains(d.id()));
			tested += fold.test().size();
		}
		// Every block but the oldest is tested once.
		assertThat(tested).isEqualTo(60 - 60 / 6);
		assertThat(folds.get(4).train()).isNotEmpty();
	}

	@Test
	void repositoryFoldsNeverShareARepositoryBetweenTrainAndTest() {
		List<RankData> all = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			all.add(report("id-" + i, "lite", "owner/repo" + (i % 4), i));
		}
		List<CvFolds.Fold> folds = CvFolds.byRepository(all);
		assertThat(folds).hasSize(4);
		for (CvFolds.Fold fold : folds) {
			Set<String> testRepos = new java.util.HashSet<>(fold.test().stream().map(RankData::repo).toList());
			assertThat(testRepos).hasSize(1);
			assertThat(fold.train()).isNotEmpty().noneMatch(d -> testRepos.contains(d.repo()));
			assertThat(fold.train().size() + fold.test().size()).isEqualTo(30);
		}
	}

	@Test
	void fitLearnsTheSignalThatSeparatesGoldFilesAndScoresItOutOfFold() {
		List<RankData> all = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			all.add(rankable("id-" + i, i));
		}
		Set<Feature> allowed = java.util.EnumSet.of(Feature.CONTENT, Feature.SIMILAR_FIX);
		for (String learner : List.of("ascent", "pairwise", "listwise")) {
			LocalizeCvCommand command = new LocalizeCvCommand();
			command.learner = learner;
			command.l2 = 0.01;
			LocalizeCvCommand.Summary s = command.crossValidate(CvFolds.byTime(all, 3), allowed).get("set");
			// Content alone puts a decoy first; the similar-fix signal finds the gold file.
			assertThat(s.baseline.acc(1)).isZero();
			assertThat(s.acc(1)).as(learner).isEqualTo(1.0);
		}
	}

	private static RankData report(String id, String set, String repo, int time) {
		return new RankData(id, set, repo, time, false, new double[Feature.values().length][0], new boolean[0], 1,
				new int[0]);
	}

	/** Row 0 is gold with weaker content than decoy row 1, but only it has a similar past fix. */
	private static RankData rankable(String id, int time) {
		double[][] x = new double[Feature.values().length][2];
		x[Feature.CONTENT.ordinal()] = new double[] { 0.6, 1.0 };
		x[Feature.SIMILAR_FIX.ordinal()] = new double[] { 1.0, 0.0 };
		return new RankData(id, "set", "r/r", time, false, x, new boolean[] { true, false }, 1, new int[] { 0, 1 });
	}

}
