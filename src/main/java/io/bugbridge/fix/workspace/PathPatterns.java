package io.bugbridge.fix.workspace;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Glob-ish path patterns, close to .gitignore: {@code *} and {@code ?} stay within one path
 * segment, {@code **} spans segments, a pattern is anchored at the repository root (write
 * {@code **}{@code /name} for "anywhere"), and a pattern that matches a directory matches
 * everything beneath it. Anchoring keeps {@code .github/**} from matching
 * {@code src/.github_helper.py}.
 */
final class PathPatterns {

	private final List<Pattern> patterns;

	PathPatterns(List<String> globs) {
		this.patterns = globs.stream().map(PathPatterns::toRegex).map(Pattern::compile).toList();
	}

	/** The first pattern matching the path or one of its parent directories, else -1. */
	int firstMatch(String path) {
		String normalized = path.replace('\\', '/').replaceAll("^/+", "");
		for (int i = 0; i < patterns.size(); i++) {
			for (String candidate = normalized; !candidate.isEmpty(); candidate = parent(candidate)) {
				if (patterns.get(i).matcher(candidate).matches()) {
					return i;
				}
			}
		}
		return -1;
	}

	private static String parent(String path) {
		int slash = path.lastIndexOf('/');
		return slash < 0 ? "" : path.substring(0, slash);
	}

	static String toRegex(String glob) {
		String g = glob.trim().replaceAll("^/+", "");
		StringBuilder regex = new StringBuilder();
		int i = 0;
		while (i < g.length()) {
			char c = g.charAt(i);
			if (g.startsWith("**/", i)) {
				regex.append("(?:[^/]+/)*");
				i += 3;
			}
			else if (g.startsWith("/**", i) && i + 3 == g.length()) {
				regex.append("/.*");
				i += 3;
			}
			else if (g.startsWith("**", i)) {
				regex.append(".*");
				i += 2;
			}
			else if (c == '*') {
				regex.append("[^/]*");
				i++;
			}
			else if (c == '?') {
				regex.append("[^/]");
				i++;
			}
			else {
				regex.append(Pattern.quote(String.valueOf(c)));
				i++;
			}
		}
		return regex.toString();
	}

}
