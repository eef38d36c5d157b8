package io.bugbridge.fix.workspace;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One changed file of a {@link ChangeSet}.
 *
 * @param path the path after the change (the old path for a deletion), relative, with {@code /}
 * @param type how it changed
 * @param linesAdded lines added (0 for binary files)
 * @param linesRemoved lines removed (0 for binary files)
 * @param test whether the path looks like a test, see {@link #looksLikeTest(String)}
 * @param oldPath the path before a rename, else the same as {@code path}; kept so that moving a
 * forbidden file away is caught as touching it
 */
public record FileChange(String path, ChangeType type, int linesAdded, int linesRemoved, boolean test, String oldPath) {

	private static final Pattern TEST_DIRECTORY = Pattern
		.compile("(^|/)(src/test|src/it|tests?|__tests__|spec|specs|testing|testdata|test-data)/");

	private static final Pattern TEST_FILE = Pattern.compile(String.join("|",
			// Python, Ruby, Go, Rust, Elixir, C/C++ conventions
			"test_.*\\.(py|rb)", ".*_test\\.(py|go|rb|rs|exs|c|cc|cpp)", ".*_spec\\.rb", "conftest\\.py",
			// JVM and .NET conventions
			".*(Test|Tests|IT|TestCase|Spec)\\.(java|kt|groovy|scala|cs)",
			// JavaScript and TypeScript conventions
			".*\\.(test|spec)\\.(js|jsx|ts|tsx|mjs|cjs|mts|cts)",
			// PHP, Swift
			".*Test\\.(php|swift)"));

	public FileChange {
		oldPath = oldPath == null ? path : oldPath;
	}

	public FileChange(String path, ChangeType type, int linesAdded, int linesRemoved, boolean test) {
		this(path, type, linesAdded, linesRemoved, test, path);
	}

	public int linesChanged() {
		return linesAdded + linesRemoved;
	}

	/**
	 * Whether a path follows one of the common test conventions: a test directory (src/test/,
	 * tests/, __tests__/, spec/ ...) or a test file name (test_*.py, *_test.go, *Test.java,
	 * *.spec.ts ...). A heuristic: it decides which files form the fail-before tree, so it errs
	 * towards the conventions test runners themselves use.
	 */
	public static boolean looksLikeTest(String path) {
		String normalized = path.replace('\\', '/');
		String name = normalized.substring(normalized.lastIndexOf('/') + 1);
		return TEST_DIRECTORY.matcher(normalized.toLowerCase(Locale.ROOT)).find() || TEST_FILE.matcher(name).matches();
	}

}
