package io.bugbridge.analysis;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Code names a report mentions, in order of first appearance. Which of them exist in a repository
 * is decided when ranking; here they are only candidates.
 *
 * @param paths file paths such as {@code src/app/util.py} or {@code Foo.java}
 * @param qualifiedNames dotted names: modules, qualified classes, {@code module.function}
 * @param types names that look like classes ({@code CamelCase})
 * @param functions names that look like functions or methods ({@code snake_case}, {@code name(})
 * @param errorMessages messages of exceptions and errors quoted in the report
 * @param quotedText short literal strings in quotes or code spans, e.g. config keys and messages
 */
public record Mentions(List<String> paths, List<String> qualifiedNames, List<String> types, List<String> functions,
		List<String> errorMessages, List<String> quotedText) {

	private static final String EXT = "(?:py|pyi|pyx|java|kt|scala|groovy|js|mjs|cjs|jsx|ts|tsx|vue|go|cs|rb|php|c|h|cc|cpp|hpp|rs|swift|m|jsp|xml|properties|ya?ml|json|toml|cfg|ini)";

	private static final Pattern PATH = Pattern.compile("(?<![\\w/.-])((?:[\\w.-]+/)*[\\w-]+(?:\\.[\\w-]+)*\\." + EXT + ")\\b");

	private static final Pattern DOTTED = Pattern.compile("(?<![\\w./-])([A-Za-z_]\\w*(?:\\.[A-Za-z_]\\w*)+)(?![\\w/-])");

	private static final Pattern CAMEL = Pattern.compile("\\b([A-Z][a-z0-9]+(?:[A-Z][A-Za-z0-9]*)+|[A-Z]{2,}[a-z]\\w*|[a-z]+[A-Z]\\w*)\\b");

	private static final Pattern SNAKE = Pattern.compile("\\b(_{0,2}[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+_{0,2})\\b");

	private static final Pattern CALL = Pattern.compile("\\b([A-Za-z_]\\w{2,})\\(");

	private static final Pattern ERROR = Pattern.compile(
			"(?m)^\\s*(?:[\\w.]+\\.)?(\\w*(?:Error|Exception|Warning|Fault))(?::\\s+|\\s+-\\s+)(.{3,300})$");

	private static final Pattern QUOTED = Pattern.compile("`([^`\\n]{3,120})`|\"([^\"\\n]{3,120})\"|'([^'\\n]{3,120})'");

	private static final Pattern URL = Pattern.compile("\\b(?:https?|ftp|file)://\\S+");

	private static final Set<String> NOT_NAMES = Set.of("e.g", "i.e", "etc", "vs", "Traceback", "None", "True", "False",
			"self", "this", "NULL", "null", "JavaScript", "TypeScript", "GitHub", "PyPI", "MacOS", "iOS", "OpenJDK",
			"HotSpot", "README");

	public static Mentions extract(String text) {
		if (text == null) {
			text = "";
		}
		String clean = URL.matcher(text).replaceAll(" ");
		Set<String> paths = new LinkedHashSet<>();
		Matcher m = PATH.matcher(clean);
		while (m.find()) {
			paths.add(m.group(1));
		}
		Set<String> dotted = new LinkedHashSet<>();
		m = DOTTED.matcher(clean);
		while (m.find()) {
			String name = m.group(1);
			if (!paths.contains(name) && !NOT_NAMES.contains(name) && !name.matches("(?i).*\\." + EXT) && !name.matches("\\d.*")) {
				dotted.add(name);
			}
		}
		Set<String> types = new LinkedHashSet<>();
		m = CAMEL.matcher(clean);
		while (m.find()) {
			if (!NOT_NAMES.contains(m.group(1)) && Character.isUpperCase(m.group(1).charAt(0))) {
				types.add(m.group(1));
			}
		}
		Set<String> functions = new LinkedHashSet<>();
		m = CALL.matcher(clean);
		while (m.find()) {
			functions.add(m.group(1));
		}
		m = SNAKE.matcher(clean);
		while (m.find()) {
			functions.add(m.group(1));
		}
		m = CAMEL.matcher(clean);
		while (m.find()) {
			if (Character.isLowerCase(m.group(1).charAt(0))) {
				functions.add(m.group(1));
			}
		}
		functions.removeAll(types);
		Set<String> errors = new LinkedHashSet<>();
		m = ERROR.matcher(clean);
		while (m.find()) {
			errors.add(m.group(2).trim());
		}
		Set<String> quoted = new LinkedHashSet<>();
		m = QUOTED.matcher(clean);
		while (m.find()) {
			String q = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
			if (!q.isBlank()) {
				quoted.add(q.trim());
			}
		}
		return new Mentions(list(paths), list(dotted), list(types), list(functions), list(errors), list(quoted));
	}

	/** Whether nothing at all was found. */
	public boolean isEmpty() {
		return paths.isEmpty() && qualifiedNames.isEmpty() && types.isEmpty() && functions.isEmpty()
				&& errorMessages.isEmpty() && quotedText.isEmpty();
	}

	private static List<String> list(Set<String> set) {
		return List.copyOf(new ArrayList<>(set));
	}

}
