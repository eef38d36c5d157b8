package io.bugbridge.analysis.git;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * The history behind a commit. Only commits reachable from the given commit are ever visited, so
 * later work (such as the fix of the bug being analysed) cannot leak in. Commits are immutable, so
 * what is learnt about one is cached for all later questions.
 */
public final class CommitHistory {

	/** Commits that touch more files than this are bulk edits (reformatting, licence headers). */
	public static final int BULK_CHANGE = 40;

	private final Repository repo;

	private final Map<ObjectId, List<String>> changedPaths = new ConcurrentHashMap<>();

	public CommitHistory(Repository repo) {
		this.repo = repo;
	}

	/** Up to {@code max} commits reachable from {@code start} (itself included), newest first. */
	public List<CommitInfo> reachable(ObjectId start, int max) throws IOException {
		List<CommitInfo> commits = new ArrayList<>();
		try (RevWalk walk = new RevWalk(repo)) {
			walk.sort(RevSort.COMMIT_TIME_DESC);
			walk.markStart(walk.parseCommit(start));
			for (RevCommit c : walk) {
				commits.add(new CommitInfo(c.getId(), c.getCommitTime(), c.getFullMessage(),
						c.getParentCount() == 0 ? null : c.getParent(0).getId(), c.getParentCount()));
				if (commits.size() >= max) {
					break;
				}
			}
		}
		return commits;
	}

	/**
	 * Paths a non-merge commit changed relative to its parent (deleted paths included). Merges
	 * and the root commit report nothing: their diffs repeat or import whole trees.
	 */
	public List<String> changedPaths(CommitInfo commit) {
		if (commit.parentCount() != 1) {
			return List.of();
		}
		return changedPaths.computeIfAbsent(commit.id(), id -> diff(commit));
	}

	private List<String> diff(CommitInfo commit) {
		List<String> paths = new ArrayList<>();
		try (RevWalk walk = new RevWalk(repo); TreeWalk tree = new TreeWalk(repo)) {
			tree.addTree(walk.parseCommit(commit.parent()).getTree());
			tree.addTree(walk.parseCommit(commit.id()).getTree());
			tree.setRecursive(true);
			tree.setFilter(TreeFilter.ANY_DIFF);
			while (tree.next()) {
				paths.add(tree.getPathString());
				if (paths.size() > 4 * BULK_CHANGE) {
					break;
				}
			}
		}
		catch (IOException ex) {
			return List.of();
		}
		return List.copyOf(paths);
	}

	public record CommitInfo(ObjectId id, int time, String message, ObjectId parent, int parentCount) {
	}

}
