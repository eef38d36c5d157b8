package io.bugbridge.analysis.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

/** Reads a repository at a commit straight from its object database: no checkout, no work tree. */
public final class GitSnapshots {

	private GitSnapshots() {
	}

	/**
	 * Opens the git directory at {@code dir}: a bare repository, a work tree with {@code .git}, or a
	 * folder holding either as {@code repo}.
	 */
	public static Repository open(Path dir) throws IOException {
		Path gitDir = locate(dir).orElseThrow(() -> new IOException("no git repository at " + dir));
		return new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setMustExist(true).build();
	}

	public static Optional<Path> locate(Path dir) {
		for (Path candidate : List.of(dir.resolve("repo"), dir.resolve("repo").resolve(".git"), dir.resolve(".git"), dir)) {
			if (Files.isDirectory(candidate.resolve("objects")) && Files.exists(candidate.resolve("HEAD"))) {
				return Optional.of(candidate);
			}
		}
		return Optional.empty();
	}

	/** The commit that {@code revision} names, or empty if the repository lacks it. */
	public static Optional<ObjectId> resolveCommit(Repository repo, String revision) {
		try (RevWalk walk = new RevWalk(repo)) {
			ObjectId id = repo.resolve(revision);
			if (id == null) {
				return Optional.empty();
			}
			return Optional.of(walk.parseCommit(id).getId());
		}
		catch (IOException | RuntimeException ex) {
			return Optional.empty();
		}
	}

	/**
	 * Regular files of the commit's tree whose path {@code include} accepts. Symbolic links and
	 * submodules are skipped, and so is any path that could leave the repository.
	 */
	public static List<TreeFile> list(Repository repo, ObjectId commit, Predicate<String> include) throws IOException {
		List<TreeFile> files = new ArrayList<>();
		try (RevWalk walk = new RevWalk(repo); TreeWalk tree = new TreeWalk(repo)) {
			RevCommit c = walk.parseCommit(commit);
			tree.addTree(c.getTree());
			tree.setRecursive(true);
			while (tree.next()) {
				FileMode mode = tree.getFileMode(0);
				if (mode != FileMode.REGULAR_FILE && mode != FileMode.EXECUTABLE_FILE) {
					continue;
				}
				String path = tree.getPathString();
				if (isConfined(path) && include.test(path)) {
					files.add(new TreeFile(path, tree.getObjectId(0)));
				}
			}
		}
		return files;
	}

	/**
	 * Whether a path stays inside the repository. Git refuses such trees, but a hand-made or
	 * hostile object database may still hold them.
	 */
	public static boolean isConfined(String path) {
		if (path.isEmpty() || path.startsWith("/") || path.indexOf('\\') >= 0 || path.indexOf(':') >= 0
				|| path.indexOf('\u0000') >= 0) {
			return false;
		}
		for (String segment : path.split("/", -1)) {
			if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || segment.equalsIgnoreCase(".git")) {
				return false;
			}
		}
		return true;
	}

	/**
	 * The blob's text, or empty when it is missing from the copy, larger than {@code maxBytes} or
	 * binary.
	 */
	public static Optional<String> readText(ObjectReader reader, ObjectId blob, long maxBytes) {
		try {
			ObjectLoader loader = reader.open(blob, Constants.OBJ_BLOB);
			if (loader.getSize() > maxBytes) {
				return Optional.empty();
			}
			byte[] bytes = loader.getCachedBytes((int) maxBytes);
			int probe = Math.min(bytes.length, 8000);
			for (int i = 0; i < probe; i++) {
				if (bytes[i] == 0) {
					return Optional.empty();
				}
			}
			return Optional.of(new String(bytes, StandardCharsets.UTF_8));
		}
		catch (MissingObjectException ex) {
			return Optional.empty();
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

}
