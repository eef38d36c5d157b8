package io.bugbridge.analysis.index;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.tartarus.snowball.ext.EnglishStemmer;

/**
 * Turns code and prose into index terms. Identifiers are split on case changes, underscores,
 * digits and dots ({@code getHTTPHeader_value} gives {@code get http header valu}) and the whole
 * identifier is kept as well when it has several parts, so both "header" and "httpheader" match.
 * Parts are lower-cased and stemmed; words too common in code and prose to mean anything are
 * dropped. The same terms are used for documents and queries.
 */
public final class CodeText {

	private static final Set<String> STOP = Set.of(
			"the", "and", "for", "that", "this", "with", "from", "are", "was", "were", "not", "but", "have", "has",
			"had", "you", "your", "can", "will", "would", "should", "could", "there", "their", "them", "they", "what",
			"when", "which", "who", "how", "why", "all", "any", "been", "being", "into", "than", "then", "its", "our",
			"out", "also", "only", "just", "some", "such", "very", "may", "might", "must", "does", "did", "doe",
			"use", "used", "using", "get", "set", "new", "return", "def", "class", "self", "import", "public",
			"private", "protected", "static", "final", "void", "int", "string", "null", "none", "true", "false", "if",
			"else", "elif", "while", "try", "catch", "except", "finally", "throw", "throws", "raise", "in", "is",
			"it", "of", "on", "or", "to", "be", "as", "at", "by", "an", "we", "do", "no", "so", "py", "java", "org",
			"com", "www", "http", "https", "lambda", "var", "let", "const", "function", "package", "boolean", "long",
			"object", "pass", "assert", "yield", "one", "two", "like", "want", "need", "here", "line", "file");

	private static final int MIN = 2;

	private static final int MAX = 40;

	private static final Map<String, String> STEMS = new ConcurrentHashMap<>();

	private CodeText() {
	}

	/** Terms of a text in order; repeated words repeat. */
	public static List<String> terms(CharSequence text) {
		List<String> out = new ArrayList<>();
		List<String> parts = new ArrayList<>();
		int n = text.length();
		int i = 0;
		while (i < n) {
			char c = text.charAt(i);
			if (!isWord(c)) {
				i++;
				continue;
			}
			int start = i;
			while (i < n && isWord(text.charAt(i))) {
				i++;
			}
			if (i - start > 3 * MAX) {
				continue; // base64, hashes, minified code
			}
			split(text, start, i, parts);
			if (parts.size() > 1) {
				String whole = join(parts);
				if (whole.length() <= MAX && !STOP.contains(whole)) {
					out.add(stem(whole));
				}
			}
			for (String p : parts) {
				if (p.length() >= MIN && p.length() <= MAX && !STOP.contains(p) && !isNumber(p)) {
					out.add(stem(p));
				}
			}
		}
		return out;
	}

	/** Terms of a repository path: directories, file name parts and the extension-less name. */
	public static List<String> pathTerms(String path) {
		int dot = path.lastIndexOf('.');
		int slash = path.lastIndexOf('/');
		String noExt = dot > slash ? path.substring(0, dot) : path;
		return terms(noExt.replace('/', ' ').replace('.', ' '));
	}

	private static void split(CharSequence text, int start, int end, List<String> parts) {
		parts.clear();
		StringBuilder cur = new StringBuilder();
		for (int i = start; i < end; i++) {
			char c = text.charAt(i);
			if (c == '_' || c == '$') {
				flush(cur, parts);
				continue;
			}
			if (cur.length() > 0) {
				char prev = cur.charAt(cur.length() - 1);
				boolean boundary = Character.isLowerCase(prev) && Character.isUpperCase(c)
						|| Character.isDigit(prev) != Character.isDigit(c)
						|| Character.isUpperCase(prev) && Character.isUpperCase(c) && i + 1 < end
								&& Character.isLowerCase(text.charAt(i + 1));
				if (boundary) {
					flush(cur, parts);
				}
			}
			cur.append(c);
		}
		flush(cur, parts);
	}

	private static void flush(StringBuilder cur, List<String> parts) {
		if (cur.length() > 0) {
			parts.add(cur.toString().toLowerCase(java.util.Locale.ROOT));
			cur.setLength(0);
		}
	}

	private static String join(List<String> parts) {
		StringBuilder sb = new StringBuilder();
		for (String p : parts) {
			if (!isNumber(p)) {
				sb.append(p);
			}
		}
		return sb.toString();
	}

	private static boolean isWord(char c) {
		return c < 128 ? Character.isLetterOrDigit(c) || c == '_' || c == '$' : Character.isLetterOrDigit(c);
	}

	private static boolean isNumber(String s) {
		for (int i = 0; i < s.length(); i++) {
			if (!Character.isDigit(s.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	static String stem(String word) {
		if (word.length() <= 3) {
			return word;
		}
		String cached = STEMS.get(word);
		if (cached != null) {
			return cached;
		}
		EnglishStemmer stemmer = new EnglishStemmer();
		stemmer.setCurrent(word);
		stemmer.stem();
		String s = stemmer.getCurrent();
		if (STEMS.size() < 500_000) {
			STEMS.put(word, s);
		}
		return s;
	}

}
