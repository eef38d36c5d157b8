package io.bugbridge.analysis.rank;

import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.bugbridge.analysis.BugReport;
import io.bugbridge.analysis.Feature;
import io.bugbridge.analysis.index.CommitView;

/**
 * Two of Ye et al.'s (FSE 2014) signals: the file's class name written in the report, and similarity
 * of the report to the types the file uses (API enrichment). Tomcat reports name Servlet API types
 * while fixes are in the classes that use them; the interfaces' own text (Javadoc included) is what
 * matches the report, so a file inherits the text score of the files it imports.
 */
final class UsageFeatures {

	private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

	/** Short names ("Util", "Main") are written in reports for other reasons. */
	private static final int MIN_CLASS_NAME = 5;

	private UsageFeatures() {
	}

	/**
	 * Longer class names are more specific, so the value grows with the name's length (Ye et al.'s
	 * class-name similarity), scaled to 1 for the longest match.
	 */
	static void className(BugReport report, CommitView view, FeatureTable t) {
		Set<String> words = new HashSet<>();
		Matcher m = WORD.matcher(report.text());
		while (m.find()) {
			words.add(m.group());
		}
		for (int i = 0; i < view.size(); i++) {
			String stem = PathResolver.stripExtension(PathResolver.name(view.path(i)));
			if (stem.length() >= MIN_CLASS_NAME && Character.isUpperCase(stem.charAt(0)) && words.contains(stem)) {
				t.max(Feature.CLASS_NAME, i, stem.length(), stem);
			}
		}
		t.normalizeMax(Feature.CLASS_NAME, 1);
	}

	/** Best report-to-content score among the repository files this file imports. */
	static void apiSimilarity(CommitView view, PathResolver resolver, FeatureTable t) throws IOException {
		double[] content = t.column(Feature.CONTENT);
		for (int i = 0; i < view.size(); i++) {
			double best = 0;
			int bestTarget = -1;
			String path = view.path(i);
			for (String imported : view.imports(i)) {
				int target = resolver.resolveImport(path, imported);
				if (target >= 0 && target != i && content[target] > best) {
					best = content[target];
					bestTarget = target;
				}
			}
			if (bestTarget >= 0) {
				t.max(Feature.API_SIMILARITY, i, best, "uses " + view.path(bestTarget));
			}
		}
		t.normalizeMax(Feature.API_SIMILARITY, 1);
	}

}
