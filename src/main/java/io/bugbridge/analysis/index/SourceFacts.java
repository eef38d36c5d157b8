package io.bugbridge.analysis.index;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a source file defines (types, functions, methods) and what it imports, found with per-language
 * patterns. Approximate on purpose: it needs no parser per language and never fails on odd code.
 *
 * @param definitions names of the types and functions the file defines
 * @param imports imported modules, packages or paths as written
 */
public record SourceFacts(List<String> definitions, List<String> imports) {

	private static final Pattern PY_DEF = Pattern.compile("(?m)^[ \\t]*(?:async[ \\t]+)?(?:def|class)[ \\t]+(\\w+)");

	private static final Pattern PY_IMPORT = Pattern
		.compile("(?m)^[ \\t]*(?:from[ \\t]+([\\w.]+)[ \\t]+import[ \\t]+([\\w, \\t]+)|import[ \\t]+([\\w.]+))");

	private static final Pattern C_LIKE_TYPE = Pattern
		.compile("\\b(?:class|interface|enum|record|struct|trait|object)\\s+([A-Z_a-z]\\w*)");

	// A method or function declaration: modifiers, a return type, a name and an opening parenthesis
	// at the start of a line, followed (eventually) by a body rather than a semicolon.
	private static final Pattern C_LIKE_METHOD = Pattern.compile(
			"(?m)^[ \\t]*(?:(?:public|protected|private|static|final|synchronized|abstract|native|default|override|virtual|async|internal|suspend|open)\\s+)*"
					+ "(?:<[^>\\n]*>\\s*)?[\\w.<>\\[\\],?]+(?:\\s+[\\w.<>\\[\\],?]+)?\\s+(\\w+)\\s*\\([^;{}]*?\\)\\s*(?:throws[\\w\\s.,]+)?\\{");

	private static final Pattern JAVA_IMPORT = Pattern.compile("(?m)^import\\s+(?:static\\s+)?([\\w.]+)");

	private static final Pattern JS_DEF = Pattern.compile(
			"\\bfunction\\s*\\*?\\s*(\\w+)|\\b(?:const|let|var)\\s+(\\w+)\\s*=\\s*(?:async\\s*)?(?:function|\\([^)]*\\)\\s*=>|\\w+\\s*=>)|(?m)^[ \\t]+(?:(?:public|private|protected|static|async|readonly|get|set)\\s+)*(\\w+)\\s*\\([^)]*\\)\\s*(?::\\s*[^{;]+)?\\{");

	private static final Pattern JS_IMPORT = Pattern
		.compile("\\bfrom\\s+['\"]([^'\"]+)['\"]|\\brequire\\(\\s*['\"]([^'\"]+)['\"]\\s*\\)|\\bimport\\s+['\"]([^'\"]+)['\"]");

	private static final Pattern GO_DEF = Pattern.compile("(?m)^(?:func(?:\\s*\\([^)]*\\))?\\s+(\\w+)|type\\s+(\\w+))");

	private static final Pattern GO_IMPORT = Pattern.compile("(?m)^\\s*(?:import\\s+)?(?:\\w+\\s+)?\"([\\w./-]+)\"\\s*$");

	private static final Pattern RUBY_DEF = Pattern.compile("(?m)^[ \\t]*(?:def[ \\t]+(?:self\\.)?(\\w+[?!=]?)|(?:class|module)[ \\t]+([\\w:]+))");

	private static final Pattern RUBY_IMPORT = Pattern.compile("(?m)^[ \\t]*require(?:_relative)?[ \\t(]+['\"]([^'\"]+)['\"]");

	private static final Pattern PHP_DEF = Pattern.compile("\\b(?:function|class|interface|trait|enum)\\s+&?(\\w+)");

	private static final Pattern PHP_IMPORT = Pattern.compile("(?m)^use\\s+([\\w\\\\]+)");

	private static final Set<String> KEYWORDS = Set.of("if", "for", "while", "switch", "catch", "return", "new", "else",
			"synchronized", "function", "do", "try", "with", "super", "this", "throw", "case", "sizeof", "typeof");

	public static SourceFacts of(String path, String text) {
		String ext = extension(path);
		Set<String> defs = new LinkedHashSet<>();
		Set<String> imports = new LinkedHashSet<>();
		switch (ext) {
			case "py", "pyi", "pyx" -> {
				collect(PY_DEF, text, defs);
				Matcher m = PY_IMPORT.matcher(text);
				while (m.find()) {
					if (m.group(1) != null) {
						imports.add(m.group(1));
						for (String name : m.group(2).split("[,\\s]+")) {
							if (!name.isBlank() && !name.equals("as")) {
								imports.add(m.group(1) + "." + name.trim());
							}
						}
					}
					else {
						imports.add(m.group(3));
					}
				}
			}
			case "java", "kt", "scala", "groovy", "cs", "swift", "c", "h", "cc", "cpp", "hpp", "rs" -> {
				collect(C_LIKE_TYPE, text, defs);
				collect(C_LIKE_METHOD, text, defs);
				collect(JAVA_IMPORT, text, imports);
			}
			case "js", "mjs", "cjs", "jsx", "ts", "tsx", "vue" -> {
				collect(C_LIKE_TYPE, text, defs);
				collect(JS_DEF, text, defs);
				collect(JS_IMPORT, text, imports);
			}
			case "go" -> {
				collect(GO_DEF, text, defs);
				collect(GO_IMPORT, text, imports);
			}
			case "rb" -> {
				collect(RUBY_DEF, text, defs);
				collect(RUBY_IMPORT, text, imports);
			}
			case "php" -> {
				collect(PHP_DEF, text, defs);
				collect(PHP_IMPORT, text, imports);
			}
			default -> {
			}
		}
		defs.removeAll(KEYWORDS);
		return new SourceFacts(List.copyOf(defs), List.copyOf(imports));
	}

	public static String extension(String path) {
		int slash = path.lastIndexOf('/');
		int dot = path.lastIndexOf('.');
		return dot > slash ? path.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
	}

	private static void collect(Pattern pattern, String text, Set<String> into) {
		Matcher m = pattern.matcher(text);
		while (m.find()) {
			for (int g = 1; g <= m.groupCount(); g++) {
				if (m.group(g) != null) {
					into.add(m.group(g));
					break;
				}
			}
		}
	}

}
