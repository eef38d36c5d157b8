package io.bugbridge.analysis;

import java.nio.file.Path;

import io.bugbridge.analysis.git.GitSnapshots;

/**
 * A git repository on disk: a bare repository, a work tree's {@code .git}, or a folder holding
 * either as {@code repo}. Files are read from its object database, never from a work tree.
 *
 * @param name a label for messages and index folders, e.g. {@code apache/tomcat}
 * @param directory the folder given by the caller
 */
public record RepositorySource(String name, Path directory) {

	public static RepositorySource of(Path directory) {
		return new RepositorySource(directory.getFileName().toString(), directory);
	}

	/** Whether a git directory is there at all. */
	public boolean exists() {
		return GitSnapshots.locate(directory).isPresent();
	}

}
