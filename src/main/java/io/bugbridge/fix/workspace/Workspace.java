package io.bugbridge.fix.workspace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * A working copy of one branch, made by {@link Workspaces#open}. Not thread-safe: one run owns it.
 * {@link #close()} deletes it.
 */
public final class Workspace implements AutoCloseable {

	private final Repository repository;

	private final WorkingCopies copies;

	private final Path directory;

	private final Path gitDir;

	private final ObjectId baseCommit;

	private final String branch;

	private final RemoteBranch remote;

	Workspace(Repository repository, WorkingCopies copies, Path directory, Path gitDir, ObjectId baseCommit,
			String branch, ObjectId remoteLease) {
		this.repository = repository;
		this.copies = copies;
		this.directory = directory;
		this.gitDir = gitDir;
		this.baseCommit = baseCommit;
		this.branch = branch;
		this.remote = remoteLease == null ? null : new RemoteBranch(repository, branch, remoteLease);
	}

	/** The working copy: plain files, no {@code .git} inside. */
	public Path directory() {
		return directory;
	}

	public String baseCommit() {
		return baseCommit.name();
	}

	public String branch() {
		return branch;
	}

	/**
	 * The working tree (new untracked files included, ignored ones and anything under .git left out)
	 * against the base commit: exactly what {@link #commit} would commit.
	 */
	public ChangeSet changes() throws IOException {
		return Snapshot.diff(repository, baseCommit, Snapshot.writeTree(repository, baseCommit));
	}

	/**
	 * A second fresh working copy of the base commit with only the given paths taken from this one
	 * (a path deleted here is deleted there): the tree on which new tests must fail before the fix.
	 * Symbolic links are copied as links. The caller closes it; it cannot be pushed.
	 */
	public Workspace baseWithFiles(List<String> paths) throws IOException {
		Workspace copy = copies.create("fail-before", branch, baseCommit, null);
		try {
			for (String path : paths) {
				Path source = inside(directory, path);
				Path target = inside(copy.directory, path);
				if (Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
					Files.createDirectories(target.getParent());
					Files.copy(source, target, LinkOption.NOFOLLOW_LINKS, StandardCopyOption.REPLACE_EXISTING);
				}
				else {
					Files.deleteIfExists(target);
				}
			}
			return copy;
		}
		catch (IOException | RuntimeException ex) {
			copy.close();
			throw ex;
		}
	}

	/**
	 * Commits the working tree (respecting .gitignore) on the branch. Written directly, not through
	 * CommitCommand, so no hook and no commit signing from a global config can interfere.
	 *
	 * @return the commit id
	 * @throws IllegalStateException when nothing changed since the last commit
	 */
	public String commit(String authorName, String authorEmail, String message) throws IOException {
		ObjectId tree = Snapshot.writeTree(repository, baseCommit);
		String ref = Constants.R_HEADS + branch;
		ObjectId parent = repository.resolve(ref);
		try (RevWalk walk = new RevWalk(repository); ObjectInserter inserter = repository.newObjectInserter()) {
			RevCommit parentCommit = walk.parseCommit(parent);
			if (parentCommit.getTree().equals(tree)) {
				throw new IllegalStateException("nothing to commit on " + branch + ": the working copy equals "
						+ parent.abbreviate(10).name());
			}
			PersonIdent author = new PersonIdent(authorName, authorEmail);
			CommitBuilder commit = new CommitBuilder();
			commit.setTreeId(tree);
			commit.setParentId(parent);
			commit.setAuthor(author);
			commit.setCommitter(author);
			commit.setMessage(message);
			ObjectId id = inserter.insert(commit);
			inserter.flush();
			RefUpdate update = repository.updateRef(ref);
			update.setExpectedOldObjectId(parent);
			update.setNewObjectId(id);
			update.setRefLogMessage("commit: " + walk.parseCommit(id).getShortMessage(), false);
			RefUpdate.Result result = update.update(walk);
			if (result != RefUpdate.Result.FAST_FORWARD && result != RefUpdate.Result.NEW) {
				throw new IOException("Cannot move " + ref + " to the new commit: " + result);
			}
			return id.name();
		}
	}

	/**
	 * Pushes the branch. Replaces the remote branch when it still is what it was when this workspace
	 * was opened (an earlier run of the same ticket: updating it is intended), and refuses when
	 * someone changed it since (force-with-lease).
	 *
	 * @throws PushRejectedException when the remote refuses
	 */
	public void push(String remoteUrl, String token) throws IOException {
		if (remote == null) {
			throw new IllegalStateException("the fail-before copy of " + branch + " is never pushed");
		}
		remote.push(remoteUrl, token);
	}

	/** Whether the remote branch contains the commit (to resume after a crash between push and PR). */
	public boolean remoteHas(String remoteUrl, String token, String commitId) throws IOException {
		return new RemoteBranch(repository, branch, null).contains(remoteUrl, token, ObjectId.fromString(commitId));
	}

	/** Deletes the working copy and its git directory. */
	@Override
	public void close() {
		repository.close();
		try {
			WorkingCopies.deleteRecursively(directory);
			WorkingCopies.deleteRecursively(gitDir);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot delete the working copy " + directory, ex);
		}
	}

	/** The path of a repository-relative file, refusing anything that would leave the working copy. */
	private static Path inside(Path root, String path) throws IOException {
		Path resolved = root.resolve(path).normalize();
		if (path.isBlank() || Path.of(path).isAbsolute() || !resolved.startsWith(root) || resolved.equals(root)
				|| Snapshot.isGitDirectory(root.relativize(resolved).toString().replace('\\', '/'))) {
			throw new IllegalArgumentException("'" + path + "' is not a file path inside the working copy");
		}
		// A symbolic link among the parent directories could lead outside the working copy.
		for (Path parent = resolved.getParent(); !parent.equals(root); parent = parent.getParent()) {
			if (Files.isSymbolicLink(parent)) {
				throw new IllegalArgumentException("'" + path + "' lies beneath the symbolic link " + root.relativize(parent));
			}
		}
		return resolved;
	}

}
