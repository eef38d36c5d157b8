package io.bugbridge.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import io.bugbridge.analysis.Feature;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Cross-validates the ranker's weights on feature dumps of {@code bench localize --features}: weights
 * are fitted inside each training fold only and measured on the fold's test reports. Java and Python
 * reports get separate weight sets. Prints out-of-fold figures per data set and fold scheme beside
 * content BM25 on the same reports, then the weights fitted on all the data (what ships).
 */
@Command(name = "localize-cv", mixinStandardHelpOptions = true,
		description = "Cross-validate ranking weights on feature dumps (bench localize --features) and print the final weights.")
class LocalizeCvCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Option(names = "--dump", required = true, arity = "1..*",
			description = "Feature dumps, one per data set (the data set is named after the file).")
	List<Path> dumps;

	@Option(names = "--time-folds", defaultValue = "5", description = "Rolling time folds. Default: ${DEFAULT-VALUE}.")
	int timeFolds;

	@Option(names = "--exclude", split = ",", description = "Features left out of the fit (weight 0).")
	Set<Feature> excluded = EnumSet.noneOf(Feature.class);

	@Option(names = "--learner", defaultValue = "pairwise",
			description = "ascent (coordinate ascent on Acc@k, MRR, MAP), pairwise (logistic loss on gold/other pairs) or listwise (softmax cross-entropy on each report's list). Default: ${DEFAULT-VALUE}.")
	String learner;

	@Option(names = "--l2", defaultValue = "0.001", description = "L2 regularization of the pairwise and listwise learners. Default: ${DEFAULT-VALUE}.")
	double l2;

	@Option(names = "--hard", defaultValue = "0",
			description = "Pairwise learner: pair gold files only with the N best other files (0: with all). Default: ${DEFAULT-VALUE}.")
	int hard;

	@Option(names = "--nested", description = "Also run nested cross-validation: inside each training fold, choose the learner "
			+ "(pairwise or listwise) and L2 (0.001 or 0.01) by the same fold scheme, then test the choice on the fold.")
	boolean nested;

	@Option(names = "--ablate", description = "Also cross-validate without each feature in turn and print the change.")
	boolean ablate;

	@Option(names = "--ranks", description = "Also write each report's out-of-fold rank of its first gold file "
			+ "(scheme, data set, id, rank; 0 when not ranked) to this file, to read the failures.")
	Path ranksOut;

	@Override
	public Integer call() throws IOException {
		PrintWriter out = spec.commandLine().getOut();
		List<RankData> all = new ArrayList<>();
		for (Path dump : dumps) {
			all.addAll(RankData.read(dump));
		}
		java.io.PrintWriter ranks = ranksOut == null ? null
				: new java.io.PrintWriter(java.nio.file.Files.newBufferedWriter(ranksOut), true);
		Set<Feature> allowed = EnumSet.allOf(Feature.class);
		allowed.removeAll(excluded);
		// Needs a first ranking made with fitted weights, so it cannot be measured fairly from a dump.
		allowed.remove(Feature.IMPORT_NEIGHBOUR);
		for (boolean java : List.of(false, true)) {
			List<RankData> group = all.stream().filter(d -> d.java() == java).toList();
			if (group.isEmpty()) {
				continue;
			}
			String language = java ? "java" : "python";
			Map<String, List<CvFolds.Fold>> schemes = schemes(group);
			for (Map.Entry<String, List<CvFolds.Fold>> scheme : schemes.entrySet()) {
				Map<String, Summary> result = crossValidate(scheme.getValue(), allowed);
				result.forEach((set, s) -> out.printf(Locale.ROOT, "cv=%s lang=%s set=%s %s%n", scheme.getKey(), language, set, s));
				out.flush();
				if (ranks != null) {
					result.forEach((set, s) -> s.firstRanks.forEach((id, r) -> ranks.printf(Locale.ROOT, "%s %s %s %d%n", scheme.getKey(), set, id, r)));
				}
				if (nested) {
					Map<String, Summary> n = nestedCrossValidate(scheme.getKey(), scheme.getValue(), allowed, out);
					n.forEach((set, s) -> out.printf(Locale.ROOT, "nested cv=%s lang=%s set=%s %s%n", scheme.getKey(), language, set, s));
					out.flush();
				}
				if (ablate) {
					for (Feature f : allowed) {
						if (f == Feature.CONTENT) {
							continue;
						}
						Set<Feature> without = EnumSet.copyOf(allowed);
						without.remove(f);
						Map<String, Summary> r = crossValidate(scheme.getValue(), without);
						r.forEach((set, s) -> out.printf(Locale.ROOT, "  without %-18s cv=%s set=%s dAcc@1=%+.3f dAcc@5=%+.3f dAcc@10=%+.3f dMRR=%+.3f%n",
								f, scheme.getKey(), set, s.acc(1) - result.get(set).acc(1), s.acc(5) - result.get(set).acc(5),
								s.acc(10) - result.get(set).acc(10), s.mrr() - result.get(set).mrr()));
						out.flush();
					}
				}
			}
			double[] w = fit(group, allowed);
			Map<String, Summary> devFit = evaluate(group, w, new LinkedHashMap<>());
			devFit.forEach((set, s) -> out.printf(Locale.ROOT, "dev-fit lang=%s set=%s %s%n", language, set, s));
			StringBuilder sb = new StringBuilder("weights lang=" + language + ":");
			RankFit.asMap(w).forEach((f, v) -> {
				if (v != 0) {
					sb.append(' ').append(f).append('=').append(v);
				}
			});
			out.println(sb);
			out.flush();
		}
		if (ranks != null) {
			ranks.close();
		}
		return 0;
	}

	/** Time folds always; leave-one-repository-out as well when the group spans repositories. */
	private Map<String, List<CvFolds.Fold>> schemes(List<RankData> group) {
		Map<String, List<CvFolds.Fold>> schemes = new LinkedHashMap<>();
		Set<String> repos = new LinkedHashSet<>();
		group.forEach(d -> repos.add(d.repo()));
		if (repos.size() > 1) {
			schemes.put("repo", CvFolds.byRepository(group));
		}
		schemes.put("time", CvFolds.byTime(group, timeFolds));
		return schemes;
	}

	Map<String, Summary> crossValidate(List<CvFolds.Fold> folds, Set<Feature> allowed) {
		Map<String, Summary> bySet = new LinkedHashMap<>();
		for (CvFolds.Fold fold : folds) {
			if (fold.train().isEmpty()) {
				continue;
			}
			double[] w = fit(fold.train(), allowed);
			evaluate(fold.test(), w, bySet);
		}
		return bySet;
	}

	/** Learner and L2 as one candidate of the nested selection. */
	record Config(String learner, double l2) {
	}

	private static final List<Config> CANDIDATES = List.of(new Config("pairwise", 0.001), new Config("pairwise", 0.01),
			new Config("listwise", 0.001), new Config("listwise", 0.01));

	/**
	 * Hyper-parameters chosen without looking at the test fold: each outer training fold is split
	 * again by the same scheme and the candidate with the best inner Acc@1 + Acc@10 (the two
	 * targets; earlier candidate on ties) is refitted on the whole training fold and tested.
	 */
	private Map<String, Summary> nestedCrossValidate(String scheme, List<CvFolds.Fold> folds, Set<Feature> allowed,
			PrintWriter out) {
		Map<String, Summary> bySet = new LinkedHashMap<>();
		for (CvFolds.Fold fold : folds) {
			if (fold.train().isEmpty()) {
				continue;
			}
			List<CvFolds.Fold> inner = "repo".equals(scheme) ? CvFolds.byRepository(fold.train())
					: CvFolds.byTime(fold.train(), timeFolds);
			Config best = CANDIDATES.get(0);
			double bestScore = Double.NEGATIVE_INFINITY;
			for (Config c : CANDIDATES) {
				double score = 0;
				for (Summary s : crossValidate(inner, allowed, c).values()) {
					score += s.acc(1) + s.acc(10);
				}
				if (score > bestScore) {
					bestScore = score;
					best = c;
				}
			}
			out.printf(Locale.ROOT, "  nested %s: chose %s l2=%s%n", fold.name(), best.learner(), best.l2());
			out.flush();
			evaluate(fold.test(), fit(fold.train(), allowed, best), bySet);
		}
		return bySet;
	}

	private Map<String, Summary> crossValidate(List<CvFolds.Fold> folds, Set<Feature> allowed, Config config) {
		Map<String, Summary> bySet = new LinkedHashMap<>();
		for (CvFolds.Fold fold : folds) {
			if (!fold.train().isEmpty()) {
				evaluate(fold.test(), fit(fold.train(), allowed, config), bySet);
			}
		}
		return bySet;
	}

	double[] fit(List<RankData> train, Set<Feature> allowed) {
		return fit(train, allowed, new Config(learner, l2));
	}

	private double[] fit(List<RankData> train, Set<Feature> allowed, Config config) {
		double l2 = config.l2();
		return switch (config.learner()) {
			case "pairwise" -> PairwiseFit.fit(train, allowed, l2, hard);
			case "listwise" -> ListwiseFit.fit(train, allowed, l2);
			case "ascent" -> RankFit.fit(train, allowed);
			default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(),
					"--learner must be ascent, pairwise or listwise, not '" + learner + "'");
		};
	}

	private static Map<String, Summary> evaluate(List<RankData> test, double[] w, Map<String, Summary> bySet) {
		double[] bm25 = new double[Feature.values().length];
		bm25[Feature.CONTENT.ordinal()] = 1;
		for (RankData d : test) {
			Summary s = bySet.computeIfAbsent(d.set(), k -> new Summary());
			double[] scores = RankFit.scores(d, w);
			RankFit.Outcome o = RankFit.outcome(d, scores, null, 0);
			s.model.add(o);
			s.firstRanks.put(d.id(), o.first());
			s.levels.computeIfAbsent(RankFit.confidence(d, scores, w), k -> new Tally()).add(o);
			s.baseline.add(RankFit.outcome(d, RankFit.scores(d, bm25), null, 0));
		}
		return bySet;
	}

	/** Out-of-fold figures of one data set, with content BM25 on the same reports. */
	static final class Summary {

		final Tally model = new Tally();

		final Tally baseline = new Tally();

		/** Report id to the rank of its first gold file (0: not ranked). */
		final Map<String, Integer> firstRanks = new LinkedHashMap<>();

		/** Acc@1 by confidence level, to check the labels still mean what the analysis text says. */
		final Map<String, Tally> levels = new java.util.TreeMap<>();

		double acc(int k) {
			return model.acc(k);
		}

		double mrr() {
			return model.mrr();
		}

		@Override
		public String toString() {
			StringBuilder sb = new StringBuilder(model + " | content-bm25 " + baseline + " | Acc@1 by confidence");
			levels.forEach((level, t) -> sb.append(String.format(Locale.ROOT, " %s=%.2f(%d)", level, t.acc(1), t.outcomes.size())));
			return sb.toString();
		}

	}

	static final class Tally {

		private final List<RankFit.Outcome> outcomes = new ArrayList<>();

		void add(RankFit.Outcome o) {
			outcomes.add(o);
		}

		double acc(int k) {
			return outcomes.isEmpty() ? 0
					: outcomes.stream().filter(o -> o.first() > 0 && o.first() <= k).count() / (double) outcomes.size();
		}

		double mrr() {
			return outcomes.stream().mapToDouble(o -> o.first() > 0 ? 1.0 / o.first() : 0).average().orElse(0);
		}

		double map() {
			return outcomes.stream().mapToDouble(RankFit.Outcome::ap).average().orElse(0);
		}

		@Override
		public String toString() {
			return String.format(Locale.ROOT, "Acc@1=%.3f Acc@5=%.3f Acc@10=%.3f MAP=%.3f MRR=%.3f n=%d", acc(1), acc(5),
					acc(10), map(), mrr(), outcomes.size());
		}

	}

}
