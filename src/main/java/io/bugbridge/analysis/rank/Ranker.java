package io.bugbridge.analysis.rank;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.bugbridge.analysis.Confidence;
import io.bugbridge.analysis.Evidence.Kind;
import io.bugbridge.analysis.Evidence;
import io.bugbridge.analysis.Feature;
import io.bugbridge.analysis.RankedFile;
import io.bugbridge.analysis.index.CodeText;
import io.bugbridge.analysis.index.CommitView;
import io.bugbridge.analysis.index.Fields;

/** Combines feature values linearly into one score per file and explains the result. */
public final class Ranker {

	private final Map<Feature, Double> weights;

	public Ranker(Map<Feature, Double> weights) {
		this.weights = new EnumMap<>(weights);
	}

	/** The weights fitted for most languages (on Python reports). */
	public static Ranker withDefaults() {
		return of(false);
	}

	/**
	 * Java-like code (one class per file, deep packages, Javadoc) needs other weights than Python: the
	 * weight set follows the language most of the commit's code files are in.
	 */
	public static Ranker forPaths(List<String> paths) {
		int javaLike = 0;
		int other = 0;
		for (String p : paths) {
			if (p.endsWith(".java") || p.endsWith(".kt") || p.endsWith(".scala") || p.endsWith(".cs")) {
				javaLike++;
			}
			else {
				other++;
			}
		}
		return of(javaLike > other);
	}

	private static Ranker of(boolean java) {
		Map<Feature, Double> w = new EnumMap<>(Feature.class);
		for (Feature f : Feature.values()) {
			w.put(f, java ? f.javaWeight() : f.defaultWeight());
		}
		return new Ranker(w);
	}

	/** The weight of one signal in this set (0: not used). */
	public double weight(Feature f) {
		return weights.getOrDefault(f, 0.0);
	}

	/** Scores of all files; fills in {@link Feature#IMPORT_NEIGHBOUR} from a first ranking. */
	public double[] scores(FeatureTable t, FeatureExtractor extractor, CommitView view) throws IOException {
		double[] first = scores(t);
		if (weights.getOrDefault(Feature.IMPORT_NEIGHBOUR, 0.0) == 0) {
			return first;
		}
		extractor.importNeighbours(t, first, top(first, view, NEIGHBOUR_SOURCES));
		return scores(t);
	}

	static final int NEIGHBOUR_SOURCES = 5;

	public double[] scores(FeatureTable t) {
		double[] s = new double[t.files()];
		for (Feature f : Feature.values()) {
			double w = weights.getOrDefault(f, 0.0);
			if (w == 0) {
				continue;
			}
			double[] col = t.column(f);
			for (int i = 0; i < s.length; i++) {
				s[i] += w * col[i];
			}
		}
		return s;
	}

	/**
	 * Files worth scoring for tuning, chosen without any weights: the {@code perFeature} best files
	 * by each report-dependent signal. Tuning on a shortlist made by fitted weights would leak the
	 * fit into every fold.
	 */
	public static List<Integer> candidates(FeatureTable t, int perFeature) {
		java.util.Set<Integer> out = new java.util.TreeSet<>();
		for (Feature f : Feature.values()) {
			// Embedding similarity does not add candidates: dumps with and without it then hold the
			// same files, so cross-validation compares the signal, not two shortlists.
			if (f.kind() == null || f == Feature.IMPORT_NEIGHBOUR || f == Feature.EMBEDDING) {
				continue;
			}
			double[] col = t.column(f);
			List<Integer> idx = new ArrayList<>();
			for (int i = 0; i < col.length; i++) {
				if (col[i] > 0) {
					idx.add(i);
				}
			}
			idx.sort(Comparator.comparingDouble(i -> -col[i]));
			out.addAll(idx.subList(0, Math.min(perFeature, idx.size())));
		}
		return new ArrayList<>(out);
	}

	/** Indices of the {@code k} best files, best first; ties go to the shorter path. */
	public static List<Integer> top(double[] scores, CommitView view, int k) {
		List<Integer> idx = new ArrayList<>();
		for (int i = 0; i < scores.length; i++) {
			if (scores[i] > 0) {
				idx.add(i);
			}
		}
		idx.sort(Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparing(i -> view.path(i).length())
			.thenComparing(view::path));
		return idx.size() > k ? idx.subList(0, k) : idx;
	}

	public List<RankedFile> explain(FeatureTable t, double[] scores, List<Integer> top, CommitView view, String reportText)
			throws IOException {
		List<String> queryTerms = new ArrayList<>(new java.util.LinkedHashSet<>(CodeText.terms(reportText)));
		// Rarer terms say more about why a file matched.
		List<String> byRarity = new ArrayList<>();
		Map<String, Integer> df = new java.util.HashMap<>();
		for (String q : queryTerms) {
			int d = view.docFreq(Fields.CONTENT, q);
			if (d > 0) {
				df.put(q, d);
				byRarity.add(q);
			}
		}
		byRarity.sort(Comparator.comparingInt(df::get));
		List<RankedFile> out = new ArrayList<>();
		for (int i : top) {
			List<Evidence> evidence = new ArrayList<>();
			for (Feature f : Feature.values()) {
				double contribution = weights.getOrDefault(f, 0.0) * t.get(f, i);
				// Title-only reports weigh similar fixes more; to the reader it is one signal.
				if (f == Feature.SIMILAR_FIX) {
					contribution += weights.getOrDefault(Feature.SHORT_SIMILAR_FIX, 0.0) * t.get(Feature.SHORT_SIMILAR_FIX, i);
				}
				if (f.kind() == null || contribution <= 0 || f == Feature.SHORT_SIMILAR_FIX) {
					continue;
				}
				String detail;
				if (f == Feature.CONTENT || f == Feature.TITLE_CONTENT) {
					if (f == Feature.TITLE_CONTENT) {
						continue;
					}
					detail = "matched terms: " + String.join(", ",
							view.termsIn(i, Fields.CONTENT, byRarity.subList(0, Math.min(byRarity.size(), 40)))
								.stream()
								.limit(8)
								.toList());
					contribution += weights.getOrDefault(Feature.TITLE_CONTENT, 0.0) * t.get(Feature.TITLE_CONTENT, i);
				}
				else if (f == Feature.EMBEDDING) {
					detail = "its summary reads like the report (sentence embeddings, cosine " + round(t.get(f, i)) + ")";
				}
				else if (f == Feature.PATH || f == Feature.DEFINITIONS) {
					detail = (f == Feature.PATH ? "path" : "defined names") + " match the report";
				}
				else if (f == Feature.RECENT_CHANGE || f == Feature.FIX_FREQUENCY || f == Feature.FIX_RECENCY) {
					detail = f == Feature.RECENT_CHANGE ? "changed recently"
							: f == Feature.FIX_RECENCY ? "fixed recently" : "often changed by fixes";
				}
				else {
					detail = String.join("; ", t.details(f, i));
				}
				evidence.add(new Evidence(f.kind(), detail, round(contribution)));
			}
			evidence.sort(Comparator.comparingDouble(e -> -e.contribution()));
			out.add(new RankedFile(view.path(i), round(scores[i]), evidence));
		}
		return out;
	}

	/**
	 * A direct pointer (stack frame, path or module named in the report) on a file that also leads
	 * clearly makes the ranking trustworthy; text similarity alone rarely does.
	 */
	public static Confidence confidence(List<RankedFile> ranked) {
		if (ranked.isEmpty()) {
			return new Confidence(Confidence.Level.LOW, 0, "no file matched the report");
		}
		double sum = 0;
		for (int i = 0; i < Math.min(5, ranked.size()); i++) {
			sum += ranked.get(i).score();
		}
		double share = sum > 0 ? ranked.get(0).score() / sum : 0;
		boolean direct = ranked.get(0)
			.evidence()
			.stream()
			.anyMatch(e -> e.kind() == Kind.STACK_FRAME || e.kind() == Kind.PATH_MENTION || e.kind() == Kind.MODULE_MENTION);
		Confidence.Level level;
		String reason;
		if (direct && share >= 0.3) {
			level = Confidence.Level.HIGH;
			reason = "the report points at the top file directly (stack frame, path or module) and it leads clearly";
		}
		else if (direct || share >= 0.3) {
			level = Confidence.Level.MEDIUM;
			reason = direct ? "the report points at the top file, but other files score close to it"
					: "the top file leads clearly, but only on word and name similarity";
		}
		else {
			level = Confidence.Level.LOW;
			reason = "only word and name similarity; several files score alike";
		}
		return new Confidence(level, round(share), reason);
	}

	private static double round(double v) {
		return Math.round(v * 10000) / 10000.0;
	}

}
