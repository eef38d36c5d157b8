package io.bugbridge.fix.workspace;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a working copy changes relative to its base commit.
 *
 * @param baseCommit the commit the working copy started from
 * @param files the changed files, renames detected
 * @param unifiedDiff the full diff in git's format
 */
public record ChangeSet(String baseCommit, List<FileChange> files, String unifiedDiff) {

	public ChangeSet {
		files = List.copyOf(files);
	}

	public boolean isEmpty() {
		return files.isEmpty();
	}

	public int linesChanged() {
		return files.stream().mapToInt(FileChange::linesChanged).sum();
	}

	/** The changed test files (by {@link FileChange#looksLikeTest}) that still exist. */
	public List<String> testFiles() {
		return files.stream().filter(f -> f.test() && f.type() != ChangeType.DELETED).map(FileChange::path).toList();
	}

	/** Why this change exceeds the limits, one human sentence each; empty when it does not. */
	public List<String> violations(ChangeLimits limits) {
		List<String> violations = new ArrayList<>();
		PathPatterns forbidden = new PathPatterns(limits.forbiddenPaths());
		Set<String> touched = new LinkedHashSet<>();
		for (FileChange file : files) {
			touched.add(file.oldPath());
			touched.add(file.path());
		}
		for (String path : touched) {
			if (forbidden.firstMatch(path) >= 0) {
				violations.add("touches forbidden path " + path);
			}
		}
		if (files.size() > limits.maxFiles()) {
			violations.add("changes " + files.size() + " files (limit " + limits.maxFiles() + ")");
		}
		if (linesChanged() > limits.maxLines()) {
			violations.add("changes " + linesChanged() + " lines (limit " + limits.maxLines() + ")");
		}
		return violations;
	}

}
