package io.bugbridge.analysis.git;

import org.eclipse.jgit.lib.ObjectId;

/** A regular file of a commit's tree: its confined, repository-relative path and its blob. */
public record TreeFile(String path, ObjectId blob) {

	/** Identifies the file's content at that path; equal keys mean equal documents. */
	public String key() {
		return path + '\u0000' + blob.name();
	}

}
