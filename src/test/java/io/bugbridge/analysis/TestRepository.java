package io.bugbridge.analysis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/** A small git repository with a work tree, built file by file in a test. */
public final class TestRepository implements AutoCloseable {

	private final Path dir;

	private final Git git;

	private int tick;

	private TestRepository(Path dir, Git git) {
		this.dir = dir;
		this.git = git;
	}

	public static TestRepository init(Path dir) throws GitAPIException {
		return new TestRepository(dir, Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call());
	}

	public Path dir() {
		return dir;
	}

	public Git git() {
		return git;
	}

	/** Writes the files (path to content) and commits them; returns the commit id. */
	public String commit(String message, Map<String, String> files) throws IOException, GitAPIException {
		for (Map.Entry<String, String> f : files.entrySet()) {
			Path p = dir.resolve(f.getKey());
			Files.createDirectories(p.getParent());
			Files.writeString(p, f.getValue(), StandardCharsets.UTF_8);
			git.add().addFilepattern(f.getKey()).call();
		}
		// Distinct, increasing times keep history order deterministic.
		PersonIdent who = new PersonIdent("Dev", "dev@example.com", new java.util.Date(1_700_000_000_000L + 60_000L * ++tick),
				java.util.TimeZone.getTimeZone("UTC"));
		RevCommit c = git.commit().setMessage(message).setAuthor(who).setCommitter(who).call();
		return c.getId().name();
	}

	@Override
	public void close() {
		git.close();
	}

}
