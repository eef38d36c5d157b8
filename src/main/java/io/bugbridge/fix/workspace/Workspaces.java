package io.bugbridge.fix.workspace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.transport.FetchResult;
import org.eclipse.jgit.transport.RefSpec;

/**
 * Fresh working copies for fix runs, under one root directory (e.g. {@code <data dir>/worktrees}):
 * {@code root/<branch>} for the working copies, {@code root/.mirrors} for one bare mirror per
 * remote whose objects the copies share, {@code root/.gitdirs} for their git directories.
 * <p>
 * Use one instance per root (fetches into a mirror are serialised per instance). Opening a branch
 * replaces its previous working copy, so a branch belongs to one run at a time, and a stale
 * {@link Workspace} of that branch must not be closed after the new one is opened.
 */
public final class Workspaces {

	private static final int MAX_BRANCH_LENGTH = 50;

	private static final String PREFIX = "bugbridge/";

	private final Path root;

	private final Map<Path, Object> mirrorLocks = new ConcurrentHashMap<>();

	public Workspaces(Path root) {
		this.root = root.toAbsolutePath().normalize();
	}

	/**
	 * Fetches {@code baseBranch} from the remote into the cached mirror and creates a fresh working
	 * copy at {@code root/<branch>} on local branch {@code branch} from it, deleting any previous
	 * copy of that branch. The token (may be null) only reaches JGit through a CredentialsProvider.
	 */
	public Workspace open(String remoteUrl, String token, String baseBranch, String branch) throws IOException {
		Remotes.uri(remoteUrl);
		requireBranch("base branch", baseBranch);
		requireBranch("branch", branch);
		Path mirror = root.resolve(".mirrors").resolve(mirrorName(remoteUrl));
		String baseRef = Constants.R_HEADS + baseBranch;
		String branchRef = Constants.R_HEADS + branch;
		FetchResult fetched;
		// One fetch per mirror at a time; different remotes fetch in parallel.
		synchronized (mirrorLocks.computeIfAbsent(mirror, path -> new Object())) {
			fetched = fetch(mirror, remoteUrl, token, baseRef);
		}
		Ref base = fetched.getAdvertisedRef(baseRef);
		if (base == null || base.getObjectId() == null) {
			throw new IOException("The remote " + Remotes.describe(remoteUrl) + " has no branch " + baseBranch);
		}
		Ref existing = fetched.getAdvertisedRef(branchRef);
		ObjectId lease = existing == null || existing.getObjectId() == null ? ObjectId.zeroId() : existing.getObjectId();
		return new WorkingCopies(root, mirror).create("work", branch, base.getObjectId(), lease);
	}

	private static FetchResult fetch(Path mirror, String remoteUrl, String token, String baseRef) throws IOException {
		try {
			if (!Files.exists(mirror.resolve("objects"))) {
				Files.createDirectories(mirror);
				Git.init().setBare(true).setGitDir(mirror.toFile()).call().close();
			}
			try (Git git = Git.open(mirror.toFile())) {
				StoredConfig config = git.getRepository().getConfig();
				// Working copies borrow these objects: a gc pruning them would break open workspaces.
				config.setBoolean("fetch", null, "autogc", false);
				config.setBoolean("gc", null, "auto", false);
				config.save();
				return git.fetch()
					.setRemote(remoteUrl)
					.setCredentialsProvider(Remotes.credentials(token))
					.setRefSpecs(new RefSpec("+" + baseRef + ":" + baseRef))
					.call();
			}
		}
		catch (GitAPIException ex) {
			throw Remotes.failure("Fetching " + baseRef + " from", remoteUrl, ex, token);
		}
	}

	/**
	 * The branch for a ticket, e.g. {@code bugbridge/AURA-12-login-fails-with-oauth-error}: the key
	 * as given (it is what people search for), then a lower-case ASCII slug of the summary, at most
	 * 50 characters in all, cut at a word boundary, always a valid git ref.
	 */
	public static String branchName(String ticketKey, String summary) {
		String key = slug(ticketKey == null ? "" : ticketKey, false);
		if (key.isEmpty()) {
			throw new IllegalArgumentException("a ticket key is required for a branch name");
		}
		String name = PREFIX + key;
		String words = slug(summary == null ? "" : summary, true);
		if (!words.isEmpty() && name.length() + 1 < MAX_BRANCH_LENGTH) {
			String candidate = name + "-" + words;
			if (candidate.length() > MAX_BRANCH_LENGTH) {
				candidate = candidate.substring(0, MAX_BRANCH_LENGTH);
				int dash = candidate.lastIndexOf('-');
				// Cut at a word boundary unless that would drop the whole summary.
				if (dash > name.length()) {
					candidate = candidate.substring(0, dash);
				}
			}
			name = candidate.replaceAll("-+$", "");
		}
		if (name.length() > MAX_BRANCH_LENGTH) {
			name = name.substring(0, MAX_BRANCH_LENGTH).replaceAll("[-.]+$", "");
		}
		requireBranch("branch", name);
		return name;
	}

	/** ASCII letters and digits (accents stripped), runs of anything else become one dash. */
	private static String slug(String text, boolean lowerCase) {
		String ascii = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
		String cased = lowerCase ? ascii.toLowerCase(Locale.ROOT) : ascii;
		return cased.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-+|-+$", "");
	}

	private static void requireBranch(String what, String name) {
		if (name == null || name.isBlank() || !Repository.isValidRefName(Constants.R_HEADS + name)) {
			throw new IllegalArgumentException(what + " '" + name + "' is not a valid git branch name");
		}
	}

	/** One mirror per remote; the name is a hash so that no URL ends up in a path. */
	private static String mirrorName(String remoteUrl) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256")
				.digest(Remotes.describe(remoteUrl).getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(hash, 0, 12) + ".git";
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

}
