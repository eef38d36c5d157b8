package io.bugbridge.analysis.rank;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Maps what reports print (absolute paths from another machine, file names, dotted module and class
 * names) to files of the commit, by the longest common path suffix.
 */
final class PathResolver {

	private static final Set<String> PACKAGE_FILES = Set.of("__init__", "index", "mod");

	private final List<String> paths;

	private final Map<String, List<Integer>> byName = new HashMap<>();

	/** Keyed by the last segment of a module path: the file name without extension, or the package directory. */
	private final Map<String, List<Integer>> byModuleName = new HashMap<>();

	private final String[] modulePaths;

	PathResolver(List<String> paths) {
		this.paths = paths;
		this.modulePaths = new String[paths.size()];
		for (int i = 0; i < paths.size(); i++) {
			String p = paths.get(i);
			byName.computeIfAbsent(name(p), k -> new ArrayList<>()).add(i);
			String module = stripExtension(p);
			String last = name(module);
			if (PACKAGE_FILES.contains(last) && module.indexOf('/') > 0) {
				module = module.substring(0, module.lastIndexOf('/'));
			}
			modulePaths[i] = module;
			byModuleName.computeIfAbsent(name(module), k -> new ArrayList<>()).add(i);
		}
	}

	/**
	 * The file a printed path names: the candidate sharing the longest suffix with it, at least two
	 * segments when the printed path has them (a bare {@code util.py} from a library must not match
	 * every {@code util.py}), or the only file of that name.
	 */
	int resolveFile(String printed) {
		String p = printed.replace('\\', '/').trim();
		while (p.startsWith("./")) {
			p = p.substring(2);
		}
		List<Integer> candidates = byName.get(name(p));
		if (candidates == null) {
			return -1;
		}
		String[] segs = p.split("/");
		int best = -1;
		int bestLen = 0;
		boolean tie = false;
		for (int c : candidates) {
			int len = commonSuffix(segs, paths.get(c).split("/"));
			if (len > bestLen) {
				best = c;
				bestLen = len;
				tie = false;
			}
			else if (len == bestLen) {
				tie = true;
			}
		}
		if (best < 0 || tie) {
			return -1;
		}
		int needed = segs.length >= 2 ? 2 : 1;
		if (bestLen >= needed || bestLen == paths.get(best).split("/").length) {
			return best;
		}
		return candidates.size() == 1 && segs.length == 1 ? best : -1;
	}

	/**
	 * The file a dotted name refers to: the longest prefix of it that is a module path suffix of a
	 * file ({@code a.b.c.func} → {@code src/a/b/c.py}). Returns the file and how many name parts
	 * remained (0: the name is the module itself).
	 */
	Resolved resolveDotted(String dotted) {
		String[] parts = dotted.split("\\.");
		for (int len = parts.length; len >= 2; len--) {
			String rel = String.join("/", java.util.Arrays.copyOf(parts, len));
			List<Integer> candidates = byModuleName.get(parts[len - 1]);
			if (candidates == null) {
				continue;
			}
			int found = -1;
			int count = 0;
			for (int c : candidates) {
				String m = modulePaths[c];
				if (m.equals(rel) || m.endsWith("/" + rel)) {
					// Prefer the module file over a package of the same name when both exist.
					if (found < 0 || isPackageFile(paths.get(found)) && !isPackageFile(paths.get(c))) {
						found = c;
					}
					count++;
				}
			}
			if (found >= 0 && count <= 2) {
				return new Resolved(found, parts.length - len);
			}
		}
		return null;
	}

	static boolean isPackageFile(String path) {
		return PACKAGE_FILES.contains(name(stripExtension(path)));
	}

	/** Files whose name without extension is exactly {@code typeName} (Java, C#: one type per file). */
	List<Integer> filesNamed(String typeName) {
		List<Integer> out = new ArrayList<>();
		List<Integer> c = byModuleName.get(typeName);
		if (c != null) {
			for (int i : c) {
				if (name(stripExtension(paths.get(i))).equals(typeName)) {
					out.add(i);
				}
			}
		}
		return out;
	}

	static boolean looksLikeTest(String path) {
		String p = path.toLowerCase(Locale.ROOT);
		String n = name(p);
		return p.startsWith("test/") || p.startsWith("tests/") || p.contains("/test/") || p.contains("/tests/")
				|| p.contains("/testing/") || n.startsWith("test_") || n.endsWith("_test.py") || n.endsWith("test.java")
				|| n.endsWith("tests.java") || n.contains(".test.") || n.contains(".spec.") || n.equals("conftest.py");
	}

	/** Examples, documentation and benchmarks: code that ships beside the product, not in it. */
	static boolean looksAuxiliary(String path) {
		String p = "/" + path.toLowerCase(Locale.ROOT);
		return p.contains("/examples/") || p.contains("/example/") || p.contains("/doc/") || p.contains("/docs/")
				|| p.contains("/benchmarks/") || p.contains("/bench/") || p.contains("/asv_bench/");
	}

	/**
	 * The file an import statement of {@code from} names: relative imports ({@code .core},
	 * {@code ./cart}) against the importing file's folder, others as dotted module names.
	 */
	int resolveImport(String from, String imported) {
		String dir = from.contains("/") ? from.substring(0, from.lastIndexOf('/')) : "";
		if (imported.startsWith("./") || imported.startsWith("../")) {
			String joined = java.nio.file.Path.of(dir.isEmpty() ? "." : dir).resolve(imported).normalize().toString();
			Resolved r = resolveDotted(joined.replace('/', '.'));
			return r != null && r.remainingParts() == 0 ? r.file() : -1;
		}
		if (imported.startsWith(".")) {
			int dots = 0;
			while (dots < imported.length() && imported.charAt(dots) == '.') {
				dots++;
			}
			String base = dir;
			for (int i = 1; i < dots && base.contains("/"); i++) {
				base = base.substring(0, base.lastIndexOf('/'));
			}
			String rest = imported.substring(dots);
			imported = base.replace('/', '.') + (rest.isEmpty() ? "" : "." + rest);
		}
		Resolved r = resolveDotted(imported);
		return r == null ? -1 : r.file();
	}

	private static int commonSuffix(String[] a, String[] b) {
		int n = 0;
		while (n < a.length && n < b.length && a[a.length - 1 - n].equals(b[b.length - 1 - n])) {
			n++;
		}
		return n;
	}

	static String name(String path) {
		return path.substring(path.lastIndexOf('/') + 1);
	}

	static String stripExtension(String path) {
		int dot = path.lastIndexOf('.');
		return dot > path.lastIndexOf('/') ? path.substring(0, dot) : path;
	}

	record Resolved(int file, int remainingParts) {
	}

}
