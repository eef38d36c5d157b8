package io.bugbridge.analysis.index;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A few lines that say what a source file is about, for a sentence-embedding model to compare with a
 * bug report: the path as words, the first sentence of its first doc comment (Javadoc, docstring)
 * and the names it defines, split into words. Kept short on purpose: the model reads 256 word pieces
 * and its cost grows with the length, while a whole file would be averaged into a blur.
 */
public final class FileSummary {

	/** About a hundred word pieces: room for the path, a sentence and a few dozen names. */
	public static final int MAX_CHARS = 480;

	/** Path segments kept from the end; the leading ones ({@code java/org/apache}) say nothing. */
	private static final int PATH_SEGMENTS = 4;

	private static final Pattern JAVADOC = Pattern.compile("/\\*\\*(.*?)\\*/", Pattern.DOTALL);

	private static final Pattern DOCSTRING = Pattern.compile("(?:\"\"\"|''')(.*?)(?:\"\"\"|''')", Pattern.DOTALL);

	private static final Pattern CAMEL = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|_+");

	private FileSummary() {
	}

	public static String of(String path, String text, List<String> definitions) {
		StringBuilder sb = new StringBuilder(words(pathTail(path)));
		String doc = firstSentence(path, text);
		if (!doc.isEmpty()) {
			sb.append(". ").append(doc);
		}
		Set<String> names = new LinkedHashSet<>();
		for (String d : definitions) {
			String w = words(d);
			if (!w.isBlank() && !w.startsWith("test ")) {
				names.add(w);
			}
		}
		if (!names.isEmpty()) {
			sb.append(". Defines ");
			int room = MAX_CHARS - sb.length();
			List<String> kept = new ArrayList<>();
			int used = 0;
			for (String n : names) {
				if (used + n.length() + 2 > room) {
					break;
				}
				kept.add(n);
				used += n.length() + 2;
			}
			sb.append(String.join(", ", kept));
		}
		return sb.length() > MAX_CHARS ? sb.substring(0, MAX_CHARS) : sb.toString();
	}

	private static String pathTail(String path) {
		String[] segments = path.split("/");
		int from = Math.max(0, segments.length - PATH_SEGMENTS);
		String last = segments[segments.length - 1];
		int dot = last.lastIndexOf('.');
		segments[segments.length - 1] = dot > 0 ? last.substring(0, dot) : last;
		return String.join(" ", List.of(segments).subList(from, segments.length));
	}

	/** {@code getHTTPHeader_value} as {@code get HTTP Header value}: words the model knows. */
	static String words(String identifier) {
		return CAMEL.matcher(identifier).replaceAll(" ").replaceAll("[^\\p{L}\\p{N} ]+", " ").replaceAll("\\s+", " ").trim();
	}

	/** The first sentence of the file's first doc comment, without markup; empty if it has none. */
	static String firstSentence(String path, String text) {
		String head = text.length() > 20_000 ? text.substring(0, 20_000) : text;
		Matcher m = (path.endsWith(".py") || path.endsWith(".pyi") || path.endsWith(".pyx") ? DOCSTRING : JAVADOC).matcher(head);
		while (m.find()) {
			String doc = m.group(1)
				.replaceAll("(?m)^\\s*\\*", " ")
				.replaceAll("\\{@\\w+\\s+([^}]*)}", "$1")
				.replaceAll("<[^>]+>", " ")
				.replaceAll("(?s)\\s@\\w+.*", "")
				.replaceAll("\\s+", " ")
				.trim();
			// Licence headers and empty comments say nothing about the file.
			if (doc.length() < 12 || doc.contains("Licensed to the Apache") || doc.contains("License")) {
				continue;
			}
			int end = doc.indexOf(". ");
			String sentence = end > 0 ? doc.substring(0, end) : doc;
			return sentence.length() > 200 ? sentence.substring(0, 200) : sentence;
		}
		return "";
	}

}
