package io.bugbridge.search;

import java.util.Locale;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The code names in a ticket's text: class, method and file names, exceptions, dotted and slashed
 * paths. Two reports naming the same class are likely about the same code, but the word index
 * misses it when one writes {@code JNDIRealm} and the other {@code org/apache/.../JNDIRealm.java}
 * (the tokenizer keeps a dotted name whole), so the names are indexed again, one per segment.
 */
final class CodeIdentifiers {

	/** A word, possibly joined to more by dots, slashes, backslashes, '#' or '::'. */
	private static final Pattern NAME = Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(?:(?:[./\\\\#]|::)[\\p{L}\\p{N}_$]+)+"
			+ "|[\\p{L}_$][\\p{L}\\p{N}_$]*");

	private static final Pattern SEPARATOR = Pattern.compile("[./\\\\#:]+");

	/** camelCase, JNDIRealm, snake_case: a word no one writes in prose. */
	private static final Pattern CODE_WORD = Pattern.compile(".*(?:\\p{Ll}\\p{Lu}|\\p{Lu}{2}\\p{Ll}|\\p{L}_\\p{L}).*");

	private CodeIdentifiers() {
	}

	/** The code names in {@code text}, lower case, separated by spaces; empty when it has none. */
	static String of(String text) {
		if (text == null || text.isBlank()) {
			return "";
		}
		StringJoiner names = new StringJoiner(" ");
		Matcher name = NAME.matcher(text);
		while (name.find()) {
			String token = name.group();
			boolean joined = SEPARATOR.matcher(token).find();
			// A dot between two words is also how sentences end without a space ("crashes.Then").
			if (joined && !sentenceEnd(token) || CODE_WORD.matcher(token).matches()) {
				for (String segment : SEPARATOR.split(token)) {
					if (segment.length() >= 3) {
						names.add(segment.toLowerCase(Locale.ROOT));
					}
				}
			}
		}
		return names.toString();
	}

	private static boolean sentenceEnd(String token) {
		int dot = token.indexOf('.');
		return dot > 0 && token.indexOf('.', dot + 1) < 0 && token.indexOf('/') < 0 && dot + 1 < token.length()
				&& Character.isUpperCase(token.charAt(dot + 1)) && Character.isLowerCase(token.charAt(0))
				&& !CODE_WORD.matcher(token).matches();
	}

}
