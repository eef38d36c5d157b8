package io.bugbridge.fix.workspace;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand.ResetType;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Creates working copies that borrow the objects of a bare mirror (git's alternates, like
 * {@code clone --shared}), so a run costs a checkout, not a copy of the history.
 * <p>
 * The git directory lives outside the working copy, under {@code root/.gitdirs}, and the working
 * copy gets no {@code .git} link: whatever runs in the working copy cannot move our branch, edit
 * our index or config, or plant hooks. JGit does run hooks (pre-commit, commit-msg, post-commit,
 * pre-push) when they exist; commits are written without CommitCommand and {@code core.hooksPath}
 * points at an empty directory, so no hook, not even one from the user's global config, runs.
 */
final class WorkingCopies {

	private final Path root;

	private final Path mirror;

	WorkingCopies(Path root, Path mirror) {
		this.root = root;
		this.mirror = mirror;
	}

	/**
	 * A fresh working copy of {@code base} on local branch {@code branch}, replacing any previous
	 * one of the same kind and branch. {@code kind} is "work" for the copy the agent edits,
	 * "fail-before" for the base-with-tests copy.
	 */
	Workspace create(String kind, String branch, ObjectId base, ObjectId remoteLease) throws IOException {
		String name = safeName(branch);
		Path directory = "work".equals(kind) ? root.resolve(name) : root.resolve("." + kind).resolve(name);
		Path gitDir = root.resolve(".gitdirs").resolve(kind).resolve(name);
		deleteRecursively(directory);
		deleteRecursively(gitDir);
		Files.createDirectories(directory);
		Files.createDirectories(gitDir.getParent());
		try {
			Git.init().setGitDir(gitDir.toFile()).setDirectory(directory.toFile()).setInitialBranch(branch).call().close();
		}
		catch (GitAPIException ex) {
			throw new IOException("Cannot create a working copy in " + directory + ": " + ex.getMessage(), ex);
		}
		Files.deleteIfExists(directory.resolve(Constants.DOT_GIT));
		Path alternates = gitDir.resolve("objects").resolve("info").resolve("alternates");
		Files.createDirectories(alternates.getParent());
		Files.writeString(alternates, mirror.resolve("objects").toAbsolutePath() + "\n");
		Path noHooks = Files.createDirectories(gitDir.resolve("no-hooks"));

		Repository repository = new FileRepositoryBuilder().setGitDir(gitDir.toFile())
			.setWorkTree(directory.toFile())
			.setMustExist(true)
			.build();
		try {
			StoredConfig config = repository.getConfig();
			config.setString(ConfigConstants.CONFIG_CORE_SECTION, null, ConfigConstants.CONFIG_KEY_HOOKS_PATH,
					noHooks.toAbsolutePath().toString());
			// The user's global config must not rewrite line endings: the diff would show every line.
			config.setBoolean(ConfigConstants.CONFIG_CORE_SECTION, null, ConfigConstants.CONFIG_KEY_AUTOCRLF, false);
			config.setBoolean("gc", null, "auto", false);
			config.save();
			RefUpdate update = repository.updateRef(Constants.R_HEADS + branch);
			update.setNewObjectId(base);
			update.forceUpdate();
			try (Git git = new Git(repository)) {
				git.reset().setMode(ResetType.HARD).setRef(base.name()).call();
			}
			return new Workspace(repository, this, directory, gitDir, base, branch, remoteLease);
		}
		catch (IOException | GitAPIException | RuntimeException ex) {
			repository.close();
			deleteRecursively(directory);
			deleteRecursively(gitDir);
			throw ex instanceof IOException io ? io
					: new IOException("Cannot check out " + base.name() + " into " + directory + ": " + ex.getMessage(), ex);
		}
	}

	/** A directory name for a branch: injective (percent-encoding) and free of path separators. */
	static String safeName(String branch) {
		return URLEncoder.encode(branch, StandardCharsets.UTF_8).replace("*", "%2A");
	}

	/** Deletes a tree without following symbolic links out of it. */
	static void deleteRecursively(Path path) throws IOException {
		if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
			return;
		}
		Files.walkFileTree(path, new SimpleFileVisitor<>() {
			@Override
			public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
				Files.delete(file);
				return FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
				if (failure != null) {
					throw failure;
				}
				Files.delete(dir);
				return FileVisitResult.CONTINUE;
			}
		});
	}

}
