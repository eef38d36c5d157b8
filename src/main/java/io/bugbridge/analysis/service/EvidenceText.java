package io.bugbridge.analysis.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.bugbridge.analysis.Evidence;
import io.bugbridge.analysis.index.CodeText;
import io.bugbridge.ticket.Ticket;

/**
 * Evidence in words a reader of the report recognises. The ranker's notes are written for the
 * ranker (index terms are stems such as "imag", some notes already say what the kind says), so
 * terms are turned back into the report's own words, and a note that repeats its kind's phrase is
 * not said twice.
 */
final class EvidenceText {

	private static final Pattern WORD = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

	/** camelCase and snake_case parts: "ImageUploader" gives "Image" and "Uploader". */
	private static final Pattern PART = Pattern.compile("[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[0-9]+");

	private static final String MATCHED_TERMS = "matched terms:";

	/** The first word of the report that gives each index term. */
	private final Map<String, String> words;

	private EvidenceText(Map<String, String> words) {
		this.words = words;
	}

	static EvidenceText of(Ticket ticket) {
		Map<String, String> words = new LinkedHashMap<>();
		for (String text : new String[] { ticket.summary(), ticket.description(), ticket.stepsToReproduce(),
				ticket.expectedBehavior(), ticket.actualBehavior(), ticket.environment() }) {
			if (text == null) {
				continue;
			}
			Matcher word = WORD.matcher(text);
			while (word.find()) {
				String original = word.group();
				Matcher part = PART.matcher(original);
				while (part.find()) {
					String piece = part.group();
					CodeText.terms(piece).forEach(term -> words.putIfAbsent(term, piece.toLowerCase(Locale.ROOT)));
				}
				// The whole identifier is a term of its own too ("imageuploader").
				CodeText.terms(original).forEach(term -> words.putIfAbsent(term, original));
			}
		}
		return new EvidenceText(words);
	}

	String describe(Evidence evidence) {
		String detail = evidence.detail() == null ? "" : evidence.detail().strip();
		return switch (evidence.kind()) {
			case STACK_FRAME -> lead("stack frame", detail);
			case PATH_MENTION -> lead("the report names its path", detail);
			case MODULE_MENTION -> lead("the report names its module", detail);
			case DEFINITION_MENTION -> detail.isEmpty() ? "defines a name the report mentions"
					: "defines " + detail + ", which the report names";
			case QUOTED_TEXT -> lead("contains the quoted text", detail);
			case TEXT_MATCH -> textMatch(detail);
			case NAME_MATCH -> nameMatch(detail);
			case SIMILAR_FIX -> lead("changed by a past fix of a similar report", detail);
			case RECENT_CHANGE -> recentChange(detail);
			case IMPORT_NEIGHBOUR -> lead("connected by imports to", detail);
		};
	}

	private String textMatch(String detail) {
		List<String> found = reportWords(detail);
		return found.isEmpty() ? "its code uses words of the report"
				: "its code uses the report's words " + String.join(", ", found.stream().map(w -> "\"" + w + "\"").toList());
	}

	private static String nameMatch(String detail) {
		String lower = detail.toLowerCase(Locale.ROOT);
		if (lower.startsWith("defined names") || lower.startsWith("names")) {
			return "names it defines match words of the report";
		}
		return "its path matches words of the report";
	}

	private static String recentChange(String detail) {
		String lower = detail.toLowerCase(Locale.ROOT);
		if (lower.contains("fixes")) {
			return "often changed by bug fixes";
		}
		return lead("changed recently", detail);
	}

	/** The report's words behind the index terms of a note ("matched terms: imag, upload"), each once. */
	private List<String> reportWords(String detail) {
		String terms = detail.toLowerCase(Locale.ROOT).startsWith(MATCHED_TERMS)
				? detail.substring(MATCHED_TERMS.length()) : detail;
		Set<String> found = new LinkedHashSet<>();
		for (String term : terms.split("[,;\\s]+")) {
			String word = words.get(term.strip().toLowerCase(Locale.ROOT));
			// A term the report does not give back is a stem nobody typed: leave it out.
			if (word != null) {
				found.add(word);
			}
		}
		return new ArrayList<>(found);
	}

	/** "phrase detail", unless the detail already says the phrase (or says nothing more). */
	private static String lead(String phrase, String detail) {
		if (detail.isEmpty() || detail.equalsIgnoreCase(phrase)) {
			return phrase;
		}
		if (detail.toLowerCase(Locale.ROOT).startsWith(phrase.toLowerCase(Locale.ROOT))) {
			return detail;
		}
		return phrase + " " + detail;
	}

}
