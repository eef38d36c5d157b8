package io.bugbridge.analysis.claude;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

import io.bugbridge.analysis.git.GitSnapshots;
import io.bugbridge.analysis.git.TreeFile;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;

/**
 * A read-only view of one commit's files, straight from the object database: no checkout, so
 * nothing the agent asks for can reach the disk outside the repository. Symbolic links and
 * submodules are not part of it, and paths that could leave the tree are refused.
 */
public final class Snapshot implements AutoCloseable {

	/** A file larger than this is not shown whole; the agent can ask for a line range. */
	static final long MAX_FILE_BYTES = 2 * 1024 * 1024;

	private final Repository repository;

	private final ObjectId commit;

	private final Map<String, ObjectId> files = new TreeMap<>();

	private final ObjectReader reader;

	public Snapshot(Repository repository, ObjectId commit) throws IOException {
		this.repository = repository;
		this.commit = commit;
		for (TreeFile file : GitSnapshots.list(repository, commit, path -> true)) {
			files.put(file.path(), file.blob());
		}
		this.reader = repository.newObjectReader();
	}

	public String commit() {
		return commit.name();
	}

	public Repository repository() {
		return repository;
	}

	public ObjectId commitId() {
		return commit;
	}

	public boolean isFile(String path) {
		return files.containsKey(path);
	}

	public boolean isDirectory(String path) {
		String prefix = path.isEmpty() ? "" : path + "/";
		return path.isEmpty() || files.keySet().stream().anyMatch(p -> p.startsWith(prefix));
	}

	public List<String> paths() {
		return List.copyOf(files.keySet());
	}

	/** The file's text; empty when it is binary or too large. */
	public Optional<String> text(String path) {
		ObjectId blob = files.get(path);
		return blob == null ? Optional.empty() : GitSnapshots.readText(reader, blob, MAX_FILE_BYTES);
	}

	public int lineCount(String path) {
		return text(path).map(t -> t.isEmpty() ? 0 : (int) t.lines().count()).orElse(0);
	}

	/** Entries under a directory, up to two levels deep, directories with a trailing slash. */
	public List<String> list(String directory, int limit) {
		String prefix = directory.isEmpty() ? "" : directory + "/";
		TreeSet<String> entries = new TreeSet<>();
		for (String path : files.keySet()) {
			if (!path.startsWith(prefix)) {
				continue;
			}
			String[] rest = path.substring(prefix.length()).split("/");
			if (rest.length == 1) {
				entries.add(prefix + rest[0]);
			}
			else {
				entries.add(prefix + rest[0] + "/");
				entries.add(prefix + rest[0] + "/" + rest[1] + (rest.length > 2 ? "/" : ""));
			}
			if (entries.size() > limit) {
				break;
			}
		}
		return new ArrayList<>(entries).subList(0, Math.min(limit, entries.size()));
	}

	/**
	 * A path from the model made safe: relative to the repository root, no {@code ..}, no absolute
	 * path, no backslashes. Returns empty with the refusal when it is not.
	 */
	static PathCheck check(String raw) {
		if (raw == null || raw.isBlank()) {
			return PathCheck.refused("path is required");
		}
		String path = raw.strip();
		if (path.startsWith("/") || path.matches("^[A-Za-z]:.*") || path.startsWith("~")) {
			return PathCheck.refused("absolute paths are not allowed: give the path relative to the repository root");
		}
		if (path.startsWith("./")) {
			path = path.substring(2);
		}
		while (path.endsWith("/")) {
			path = path.substring(0, path.length() - 1);
		}
		if (path.equals(".") || path.isEmpty()) {
			return PathCheck.ok("");
		}
		if (!GitSnapshots.isConfined(path)) {
			return PathCheck.refused("'" + raw + "' leaves the repository or names .git; use a path inside it");
		}
		return PathCheck.ok(path);
	}

	record PathCheck(String path, String refusal) {

		static PathCheck ok(String path) {
			return new PathCheck(path, null);
		}

		static PathCheck refused(String why) {
			return new PathCheck(null, why);
		}

	}

	@Override
	public void close() {
		reader.close();
	}

}
