package io.bugbridge.analysis.rank;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.bugbridge.analysis.BugReport;
import io.bugbridge.analysis.Feature;
import io.bugbridge.analysis.Mentions;
import io.bugbridge.analysis.StackFrame;
import io.bugbridge.analysis.StackFrame.Language;
import io.bugbridge.analysis.git.CommitHistory;
import io.bugbridge.analysis.git.CommitHistory.CommitInfo;
import io.bugbridge.analysis.index.CodeText;
import io.bugbridge.analysis.index.CommitView;
import io.bugbridge.analysis.index.Fields;

/** Computes every {@link Feature} of every file of a commit for one report. */
public final class FeatureExtractor {

	/** Commits looked at for history features; older ones say little about today's code. */
	public static final int HISTORY_DEPTH = 3000;

	/** Commits whose changed files count towards fix frequency and recency. */
	static final int FIX_DEPTH = 1500;

	/** Names defined in more files than this are too common to point anywhere. */
	static final int MAX_DEFINING_FILES = 12;

	private final CommitView view;

	private final CommitHistory history;

	private final CommitInfoSource commits;

	private final MessageTerms messages;

	/** File summary embeddings, or null: then {@link Feature#EMBEDDING} stays 0. */
	private final SummaryVectors vectors;

	private PathResolver resolver;

	public FeatureExtractor(CommitView view, CommitHistory history, CommitInfoSource commits, MessageTerms messages,
			SummaryVectors vectors) {
		this.view = view;
		this.history = history;
		this.commits = commits;
		this.messages = messages;
		this.vectors = vectors;
	}

	/** The commits behind the analysed one, newest first (only those reachable from it). */
	public interface CommitInfoSource {

		List<CommitInfo> commits() throws IOException;

	}

	public FeatureTable extract(BugReport report, List<StackFrame> frames, Mentions mentions) throws IOException {
		FeatureTable t = new FeatureTable(view.size());
		PathResolver resolver = new PathResolver(view.paths());
		text(report, t);
		UsageFeatures.className(report, view, t);
		UsageFeatures.apiSimilarity(view, resolver, t);
		frames(frames, resolver, t);
		mentions(mentions, frames, resolver, t);
		history(report, t);
		embedding(report, t);
		for (int i = 0; i < view.size(); i++) {
			String p = view.path(i);
			t.set(Feature.TEST_FILE, i, PathResolver.looksLikeTest(p) ? 1 : 0);
			t.set(Feature.PACKAGE_FILE, i, PathResolver.isPackageFile(p) ? 1 : 0);
			t.set(Feature.AUXILIARY_FILE, i, PathResolver.looksAuxiliary(p) ? 1 : 0);
			// Larger files hold more code and so more bugs; BM25 deliberately ignores that.
			t.set(Feature.SIZE, i, Math.log1p(view.length(i, Fields.CONTENT)));
		}
		t.normalizeMax(Feature.SIZE, 1);
		this.resolver = resolver;
		return t;
	}

	private void text(BugReport report, FeatureTable t) throws IOException {
		Map<String, Float> all = weighted(CodeText.terms(report.title()), 2f);
		weighted(CodeText.terms(report.body()), 1f).forEach((k, v) -> all.merge(k, v, Float::sum));
		Map<String, Float> query = damp(all);
		Map<String, Float> title = damp(weighted(CodeText.terms(report.title()), 1f));
		put(t, Feature.CONTENT, view.bm25(Fields.CONTENT, query));
		put(t, Feature.TITLE_CONTENT, view.bm25(Fields.CONTENT, title));
		put(t, Feature.PATH, view.bm25(Fields.PATH_TERMS, query));
		put(t, Feature.DEFINITIONS, view.bm25(Fields.DEFS, query));
		for (Feature f : List.of(Feature.CONTENT, Feature.TITLE_CONTENT, Feature.PATH, Feature.DEFINITIONS)) {
			t.normalizeMax(f, 1);
		}
	}

	/**
	 * Cosine of the report and each file's summary by a sentence-embedding model: matches words the
	 * report and the code do not share ("login" and "authenticate"). Raw cosine, clipped at 0, rather
	 * than scaled by the report's best file, so that it does not depend on which files are compared.
	 */
	private void embedding(BugReport report, FeatureTable t) {
		if (vectors == null) {
			return;
		}
		float[] query = vectors.embedReport(report.title(), report.body());
		for (int i = 0; i < view.size(); i++) {
			float[] file = vectors.files()[i];
			if (file != null) {
				t.set(Feature.EMBEDDING, i, Math.max(0, io.bugbridge.embedding.SentenceEmbedder.cosine(query, file)));
			}
		}
	}

	private static Map<String, Float> weighted(List<String> terms, float each) {
		Map<String, Float> m = new LinkedHashMap<>();
		for (String term : terms) {
			m.merge(term, each, Float::sum);
		}
		return m;
	}

	/** Repeating a word in a report makes it a little more important, not proportionally so. */
	private static Map<String, Float> damp(Map<String, Float> counts) {
		Map<String, Float> m = new LinkedHashMap<>();
		counts.forEach((k, v) -> m.put(k, (float) (1 + Math.log(v))));
		return m;
	}

	private static void put(FeatureTable t, Feature f, float[] scores) {
		for (int i = 0; i < scores.length; i++) {
			t.set(f, i, scores[i]);
		}
	}

	/**
	 * Frames nearest to where the error was raised count most. Python prints the innermost frame last;
	 * the other languages print it first.
	 */
	private void frames(List<StackFrame> frames, PathResolver resolver, FeatureTable t) {
		Map<Language, List<StackFrame>> byLanguage = new LinkedHashMap<>();
		for (StackFrame f : frames) {
			byLanguage.computeIfAbsent(f.language(), k -> new ArrayList<>()).add(f);
		}
		byLanguage.forEach((language, list) -> {
			List<int[]> mapped = new ArrayList<>();
			for (StackFrame f : list) {
				int file = resolveFrame(f, resolver);
				if (file >= 0) {
					mapped.add(new int[] { file, mapped.size() });
				}
			}
			int n = mapped.size();
			for (int[] m : mapped) {
				int depth = language == Language.PYTHON ? n - 1 - m[1] : m[1];
				t.max(Feature.STACK_FRAME, m[0], 1.0 / Math.sqrt(1 + depth), null);
			}
			for (StackFrame f : list) {
				int file = resolveFrame(f, resolver);
				if (file >= 0) {
					t.note(Feature.STACK_FRAME, file, describe(f));
				}
			}
		});
	}

	static int resolveFrame(StackFrame f, PathResolver resolver) {
		if (f.language() == Language.JAVA || f.language() == Language.CSHARP) {
			String type = f.type();
			if (type != null && type.contains(".")) {
				String pkg = type.substring(0, type.lastIndexOf('.')).replace('.', '/');
				String simple = type.substring(type.lastIndexOf('.') + 1);
				String file = f.file() != null ? PathResolver.name(f.file().replace('\\', '/'))
						: simple + (f.language() == Language.JAVA ? ".java" : ".cs");
				int r = resolver.resolveFile(pkg + "/" + file);
				if (r >= 0) {
					return r;
				}
				PathResolver.Resolved d = resolver.resolveDotted(type);
				if (d != null && d.remainingParts() == 0) {
					return d.file();
				}
			}
		}
		return f.file() == null ? -1 : resolver.resolveFile(f.file());
	}

	private static String describe(StackFrame f) {
		StringBuilder sb = new StringBuilder();
		sb.append(f.file() != null ? f.file() : f.type());
		if (f.line() > 0) {
			sb.append(':').append(f.line());
		}
		if (f.function() != null) {
			sb.append(" in ").append(f.type() != null && f.file() != null ? f.type() + "." : "").append(f.function());
		}
		return sb.toString();
	}

	private void mentions(Mentions m, List<StackFrame> frames, PathResolver resolver, FeatureTable t) throws IOException {
		for (String p : m.paths()) {
			int file = resolver.resolveFile(p);
			if (file >= 0) {
				t.max(Feature.PATH_MENTION, file, 1, p);
			}
		}
		Set<String> names = new LinkedHashSet<>();
		for (String q : m.qualifiedNames()) {
			PathResolver.Resolved r = resolver.resolveDotted(q);
			if (r != null) {
				double v = PathResolver.isPackageFile(view.path(r.file())) ? 0.5 : 1;
				t.max(Feature.MODULE_MENTION, r.file(), v, q);
			}
			String[] parts = q.split("\\.");
			for (int i = 1; i < parts.length; i++) {
				names.add(parts[i]);
			}
		}
		names.addAll(m.types());
		names.addAll(m.functions());
		for (StackFrame f : frames) {
			if (f.function() != null && f.function().matches("\\w+")) {
				names.add(f.function());
			}
		}
		int looked = 0;
		for (String name : names) {
			if (name.length() < 3 || ++looked > 200) {
				continue;
			}
			Set<Integer> files = new LinkedHashSet<>(view.withTerm(Fields.DEF_NAME, name));
			files.addAll(resolver.filesNamed(name));
			if (!files.isEmpty() && files.size() <= MAX_DEFINING_FILES) {
				for (int file : files) {
					t.add(Feature.DEFINITION_MENTION, file, 1.0 / files.size(), name);
				}
			}
		}
		t.cap(Feature.DEFINITION_MENTION);
		// Reports name the interface or base class they use; the fix is often in an implementation.
		int types = 0;
		for (String type : m.types()) {
			if (++types > 30) {
				break;
			}
			List<String> typeTerms = CodeText.terms(type);
			if (typeTerms.isEmpty()) {
				continue;
			}
			String compound = typeTerms.get(0);
			Set<Integer> files = new LinkedHashSet<>();
			for (String keyword : List.of("implement", "extend")) {
				files.addAll(view.withPhrase(Fields.CONTENT, List.of(keyword, compound)));
			}
			if (!files.isEmpty() && files.size() <= MAX_DEFINING_FILES) {
				for (int file : files) {
					t.add(Feature.SUBTYPE_MENTION, file, 1.0 / files.size(), "subtype of " + type);
				}
			}
		}
		t.cap(Feature.SUBTYPE_MENTION);
		Set<String> quoted = new LinkedHashSet<>();
		for (String e : m.errorMessages()) {
			quoted.add(e);
			// Messages are formatted: the literal parts between quoted values are what the code holds.
			for (String part : e.split("['\"`]|:\\s|%\\w|\\{[^}]*\\}")) {
				quoted.add(part);
			}
		}
		quoted.addAll(m.quotedText());
		int phrases = 0;
		for (String q : quoted) {
			List<String> terms = CodeText.terms(q);
			boolean codeLike = q.matches(".*[_.A-Z].*") && !q.contains(" ");
			if (terms.isEmpty() || terms.size() > 16 || terms.size() < 3 && !codeLike || ++phrases > 60) {
				continue;
			}
			List<Integer> files = view.withPhrase(Fields.CONTENT, terms);
			if (!files.isEmpty() && files.size() <= 10) {
				for (int file : files) {
					t.add(Feature.QUOTED_TEXT, file, 1.0 / files.size(), q.length() > 80 ? q.substring(0, 77) + "..." : q);
				}
			}
		}
		t.cap(Feature.QUOTED_TEXT);
	}

	/**
	 * Files that the best candidates import: a bug seen in a caller often lives in the callee. Needs
	 * a first ranking, so it is filled in after the other features.
	 */
	public void importNeighbours(FeatureTable t, double[] preliminary, List<Integer> top) throws IOException {
		if (top.isEmpty() || preliminary[top.get(0)] <= 0) {
			return;
		}
		double best = preliminary[top.get(0)];
		for (int source : top) {
			for (String imported : view.imports(source)) {
				int target = resolver.resolveImport(view.path(source), imported);
				if (target >= 0 && target != source) {
					t.max(Feature.IMPORT_NEIGHBOUR, target, preliminary[source] / best, "imported by " + view.path(source));
				}
			}
		}
	}

	private void history(BugReport report, FeatureTable t) throws IOException {
		List<CommitInfo> past = commits.commits();
		if (past.isEmpty()) {
			return;
		}
		int now = past.get(0).time();
		// Recent change and fix frequency: files the project has been working on lately.
		int fixes = 0;
		for (int k = 0; k < Math.min(past.size(), FIX_DEPTH); k++) {
			CommitInfo c = past.get(k);
			List<String> changed = history.changedPaths(c);
			if (changed.size() > CommitHistory.BULK_CHANGE) {
				continue;
			}
			double age = Math.max(0, now - c.time()) / 86400.0;
			boolean fix = c.message().toLowerCase(java.util.Locale.ROOT).matches("(?s).*\\b(fix\\w*|bug\\w*|bz|issue|patch\\w*)\\b.*");
			for (String p : changed) {
				int file = view.file(p);
				if (file >= 0) {
					t.add(Feature.RECENT_CHANGE, file, Math.exp(-age / 60.0), null);
					if (fix) {
						// Ye et al.'s recency: months since the file's last fix (the newest comes first).
						t.max(Feature.FIX_RECENCY, file, 1 / (1 + age / 30.0), null);
						t.add(Feature.FIX_FREQUENCY, file, 1, null);
						fixes++;
					}
				}
			}
		}
		t.normalizeMax(Feature.RECENT_CHANGE, 1);
		if (fixes > 0) {
			double[] v = t.column(Feature.FIX_FREQUENCY);
			for (int i = 0; i < v.length; i++) {
				v[i] = Math.log1p(v[i]);
			}
			t.normalizeMax(Feature.FIX_FREQUENCY, 1);
		}
		SimilarFixes similar = new SimilarFixes(past, history, messages, view);
		similar.score(CodeText.terms(report.text()), Feature.SIMILAR_FIX, t);
		// Tomcat's fixing commits repeat the report's summary: the title alone finds them best.
		similar.score(CodeText.terms(report.title()), Feature.TITLE_SIMILAR_FIX, t);
		// A title alone matches little code; the history then carries the ranking (half of Tomcat's reports).
		if (CodeText.terms(report.body()).size() < SHORT_BODY_TERMS) {
			double[] from = t.column(Feature.SIMILAR_FIX);
			for (int i = 0; i < from.length; i++) {
				t.set(Feature.SHORT_SIMILAR_FIX, i, from[i]);
			}
		}
	}

	/** Reports whose body has fewer terms than this count as title-only. */
	static final int SHORT_BODY_TERMS = 5;

}
