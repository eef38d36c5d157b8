package io.bugbridge.fix.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

import io.bugbridge.fix.workspace.ChangeLimits;

/**
 * The agent's view of a working copy: every path is relative to its root and is refused when it
 * would leave it ({@code ..}, absolute paths, a symbolic link anywhere on the way), names
 * {@code .git}, or is forbidden to change. The sandbox protects the host from what the agent's code
 * does when it runs; this protects it from what the tools themselves touch.
 */
final class Worktree {

	private final Path root;

	private final Path realRoot;

	private final ChangeLimits limits;

	Worktree(Path root, ChangeLimits limits) throws IOException {
		this.root = root.toAbsolutePath().normalize();
		this.realRoot = root.toRealPath();
		this.limits = limits;
	}

	Path root() {
		return root;
	}

	/** The file a model-given path names, or an exception whose message the model reads. */
	Path resolve(String raw, boolean forWriting) throws IOException {
		if (raw == null || raw.isBlank()) {
			throw new IllegalArgumentException("path is required");
		}
		String path = raw.strip();
		if (path.startsWith("/") || path.startsWith("~") || path.contains("\\") || path.indexOf('\0') >= 0) {
			throw new IllegalArgumentException("use a path relative to the repository root, not '" + raw + "'");
		}
		Path relative = Path.of(path).normalize();
		if (relative.startsWith("..") || relative.toString().isEmpty() && forWriting) {
			throw new IllegalArgumentException("'" + raw + "' leaves the repository");
		}
		for (Path part : relative) {
			if (part.toString().equals(".git")) {
				throw new IllegalArgumentException("'.git' is off limits");
			}
		}
		if (forWriting) {
			var forbidden = limits.forbiddenPattern(relative.toString().replace('\\', '/'));
			if (forbidden.isPresent()) {
				throw new IllegalArgumentException("'" + relative + "' may not be changed by Auto-Fix (matches "
						+ forbidden.get() + ")");
			}
		}
		Path target = root.resolve(relative);
		// Every existing step must be a real directory or file inside the root: a symbolic link the
		// repository (or the agent) planted must not lead the tools elsewhere.
		Path step = root;
		for (Path part : relative) {
			step = step.resolve(part);
			if (Files.isSymbolicLink(step)) {
				throw new IllegalArgumentException("'" + root.relativize(step) + "' is a symbolic link; it is not followed");
			}
			if (!Files.exists(step, LinkOption.NOFOLLOW_LINKS)) {
				break;
			}
		}
		if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !target.toRealPath().startsWith(realRoot)) {
			throw new IllegalArgumentException("'" + raw + "' leaves the repository");
		}
		return target;
	}

	String relative(Path file) {
		return root.relativize(file).toString().replace('\\', '/');
	}

}
