package io.bugbridge.analysis;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How a repository is indexed.
 *
 * @param indexDirectory where the repository's index lives, or null to keep it in memory
 * @param maxFileBytes larger files are skipped (generated code, data)
 * @param extensions file name extensions to index (lower case, without the dot)
 * @param ignoredDirectories path segments whose files are never indexed (vendored code)
 */
public record LocalizerOptions(Path indexDirectory, long maxFileBytes, Set<String> extensions,
		Set<String> ignoredDirectories) {

	public static final Set<String> CODE_EXTENSIONS = Set.of("py", "pyi", "pyx", "java", "kt", "kts", "scala", "groovy",
			"js", "mjs", "cjs", "jsx", "ts", "tsx", "vue", "go", "cs", "rb", "php", "c", "h", "cc", "cpp", "hpp", "rs",
			"swift", "m");

	public static final Set<String> VENDORED = Set.of("node_modules", "vendor", "third_party", "bower_components",
			".git", "dist", "build");

	public LocalizerOptions {
		extensions = Set.copyOf(extensions);
		ignoredDirectories = Set.copyOf(ignoredDirectories);
	}

	public static LocalizerOptions inMemory() {
		return new LocalizerOptions(null, 1024 * 1024, CODE_EXTENSIONS, VENDORED);
	}

	public static LocalizerOptions onDisk(Path indexDirectory) {
		return new LocalizerOptions(indexDirectory, 1024 * 1024, CODE_EXTENSIONS, VENDORED);
	}

	/** Whether a repository path is one to index. */
	public boolean includes(String path) {
		int dot = path.lastIndexOf('.');
		if (dot < 0 || dot < path.lastIndexOf('/')) {
			return false;
		}
		if (!extensions.contains(path.substring(dot + 1).toLowerCase(Locale.ROOT)) || path.endsWith(".min.js")) {
			return false;
		}
		List<String> segments = List.of(path.split("/"));
		for (int i = 0; i < segments.size() - 1; i++) {
			if (ignoredDirectories.contains(segments.get(i))) {
				return false;
			}
		}
		return true;
	}

}
