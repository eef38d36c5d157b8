package io.bugbridge.fix.workspace;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.dircache.DirCacheIterator;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.AbstractTreeIterator;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.FileTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.WorkingTreeIterator;

/**
 * The working tree written as a git tree: what {@code git add -A} would stage, computed without
 * touching the index, so that {@link Workspace#changes()} reports exactly what
 * {@link Workspace#commit} commits.
 * <p>
 * Symbolic links are recorded by their link text and never followed; nothing named {@code .git}
 * (at any depth, any case) is read; untracked ignored files are left out while tracked ones stay
 * tracked, as in git; submodules (gitlinks) are kept as in the base, since we never check them out.
 */
final class Snapshot {

	private static final int BASE = 0;

	private static final int WORK = 1;

	private static final int INDEX = 2;

	private Snapshot() {
	}

	/** Writes the blobs and trees of the working tree and returns the root tree id. */
	static ObjectId writeTree(Repository repository, ObjectId baseCommit) throws IOException {
		DirCache tree = DirCache.newInCore();
		DirCacheBuilder builder = tree.builder();
		Set<String> gitlinks = new HashSet<>();
		try (RevWalk revWalk = new RevWalk(repository); ObjectInserter inserter = repository.newObjectInserter();
				TreeWalk walk = new TreeWalk(repository)) {
			walk.addTree(revWalk.parseCommit(baseCommit).getTree());
			// Every directory is a plain tree: a nested .git the agent made must not turn it into a gitlink.
			walk.addTree(new FileTreeIterator(repository, (file, attributes) -> attributes.isSymbolicLink()
					? FileMode.SYMLINK : attributes.isDirectory() ? FileMode.TREE
							: attributes.isExecutable() ? FileMode.EXECUTABLE_FILE : FileMode.REGULAR_FILE));
			// The index written at checkout lets unchanged files skip hashing (stat data match).
			walk.addTree(new DirCacheIterator(repository.readDirCache()));
			walk.getTree(WORK, WorkingTreeIterator.class).setDirCacheIterator(walk, INDEX);
			walk.setRecursive(false);
			while (walk.next()) {
				String path = walk.getPathString();
				WorkingTreeIterator work = walk.getTree(WORK, WorkingTreeIterator.class);
				FileMode baseMode = walk.getFileMode(BASE);
				if (isGitDirectory(path)) {
					continue;
				}
				if (FileMode.GITLINK.equals(baseMode)) {
					gitlinks.add(path);
					builder.add(entry(path, FileMode.GITLINK, walk.getObjectId(BASE)));
				}
				else if (inside(gitlinks, path)) {
					// What the agent put into an (unchecked-out) submodule directory is not ours to commit.
					continue;
				}
				else if (walk.isSubtree()) {
					boolean tracked = FileMode.TREE.equals(baseMode);
					if (tracked || work != null && !work.isEntryIgnored()) {
						walk.enterSubtree();
					}
				}
				else if (work != null && (!FileMode.MISSING.equals(baseMode) || !work.isEntryIgnored())) {
					FileMode mode = work.getEntryFileMode();
					ObjectId id = work.getEntryObjectId();
					if (FileMode.MISSING.equals(baseMode) || !id.equals(walk.getObjectId(BASE))) {
						id = insert(inserter, work);
					}
					builder.add(entry(path, mode, id));
				}
				// A base file missing from the working tree is a deletion: it is simply left out.
			}
			builder.finish();
			ObjectId treeId = tree.writeTree(inserter);
			inserter.flush();
			return treeId;
		}
	}

	/** The difference between the base commit's tree and a tree, renames detected. */
	static ChangeSet diff(Repository repository, ObjectId baseCommit, ObjectId tree) throws IOException {
		ByteArrayOutputStream text = new ByteArrayOutputStream();
		List<FileChange> files = new ArrayList<>();
		try (RevWalk revWalk = new RevWalk(repository); DiffFormatter formatter = new DiffFormatter(text)) {
			formatter.setRepository(repository);
			formatter.setDetectRenames(true);
			AbstractTreeIterator before = treeIterator(repository, revWalk.parseCommit(baseCommit).getTree());
			AbstractTreeIterator after = treeIterator(repository, tree);
			for (DiffEntry entry : formatter.scan(before, after)) {
				formatter.format(entry);
				int added = 0;
				int removed = 0;
				for (Edit edit : formatter.toFileHeader(entry).toEditList()) {
					added += edit.getLengthB();
					removed += edit.getLengthA();
				}
				String path = entry.getChangeType() == DiffEntry.ChangeType.DELETE ? entry.getOldPath() : entry.getNewPath();
				String oldPath = entry.getChangeType() == DiffEntry.ChangeType.ADD ? path : entry.getOldPath();
				files.add(new FileChange(path, type(entry.getChangeType()), added, removed, FileChange.looksLikeTest(path),
						oldPath));
			}
			formatter.flush();
		}
		return new ChangeSet(baseCommit.name(), files, text.toString(StandardCharsets.UTF_8));
	}

	private static AbstractTreeIterator treeIterator(Repository repository, ObjectId tree) throws IOException {
		CanonicalTreeParser parser = new CanonicalTreeParser();
		try (ObjectReader reader = repository.newObjectReader()) {
			parser.reset(reader, tree);
		}
		return parser;
	}

	private static ChangeType type(DiffEntry.ChangeType type) {
		return switch (type) {
			case ADD -> ChangeType.ADDED;
			case DELETE -> ChangeType.DELETED;
			case RENAME -> ChangeType.RENAMED;
			// A copy leaves its source in place: for limits and review it is a new file.
			case COPY -> ChangeType.ADDED;
			case MODIFY -> ChangeType.MODIFIED;
		};
	}

	private static ObjectId insert(ObjectInserter inserter, WorkingTreeIterator work) throws IOException {
		try (InputStream content = work.openEntryStream()) {
			return inserter.insert(Constants.OBJ_BLOB, work.getEntryContentLength(), content);
		}
	}

	private static DirCacheEntry entry(String path, FileMode mode, ObjectId id) {
		DirCacheEntry entry = new DirCacheEntry(path);
		entry.setFileMode(mode);
		entry.setObjectId(id);
		return entry;
	}

	static boolean isGitDirectory(String path) {
		for (String segment : path.split("/")) {
			if (segment.equalsIgnoreCase(Constants.DOT_GIT)) {
				return true;
			}
		}
		return false;
	}

	/** Whether the path is one of the directories or lies beneath one. */
	private static boolean inside(Set<String> directories, String path) {
		for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
			if (directories.contains(path.substring(0, slash))) {
				return true;
			}
		}
		return directories.contains(path);
	}

}
