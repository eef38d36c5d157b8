package io.bugbridge.analysis;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import io.bugbridge.analysis.git.CommitHistory;
import io.bugbridge.analysis.git.GitSnapshots;
import io.bugbridge.analysis.git.TreeFile;
import io.bugbridge.analysis.index.CommitView;
import io.bugbridge.analysis.index.FileVectors;
import io.bugbridge.analysis.index.RepositoryIndex;
import io.bugbridge.analysis.rank.MessageTerms;
import io.bugbridge.analysis.rank.Ranker;
import io.bugbridge.analysis.rank.SummaryVectors;
import io.bugbridge.embedding.SentenceEmbedder;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;

/**
 * Finds the files a bug report is most likely about, in one repository. Holds the repository's
 * index: indexing another commit only analyses the files whose content changed since commits
 * indexed before. Thread-safe; close it to release the index.
 *
 * <pre>{@code
 * try (CodeLocalizer localizer = CodeLocalizer.open(RepositorySource.of(dir), LocalizerOptions.inMemory());
 * 		IndexedCommit commit = localizer.index("main")) {
 * 	Localization result = commit.rank(new BugReport(title, body), 10);
 * }
 * }</pre>
 */
public final class CodeLocalizer implements AutoCloseable {

	/**
	 * Characters of a report an embedder for {@link #open(RepositorySource, LocalizerOptions, SentenceEmbedder, boolean)}
	 * should read: about the model's 256 word pieces, title and opening first.
	 */
	public static final int REPORT_CHARS = 1000;

	private final RepositorySource source;

	private final LocalizerOptions options;

	private final Repository repository;

	private final RepositoryIndex index;

	private final CommitHistory history;

	private final MessageTerms messages = new MessageTerms();

	/** File summary embeddings, or null when no embedding model is used. */
	private final FileVectors vectors;

	/** Embed even where the weights ignore the signal: feature dumps for tuning need its values. */
	private final boolean alwaysEmbed;

	private CodeLocalizer(RepositorySource source, LocalizerOptions options, Repository repository, RepositoryIndex index,
			SentenceEmbedder embedder, boolean alwaysEmbed) {
		this.source = source;
		this.options = options;
		this.repository = repository;
		this.index = index;
		this.history = new CommitHistory(repository);
		this.vectors = embedder == null ? null : new FileVectors(embedder);
		this.alwaysEmbed = alwaysEmbed;
	}

	public static CodeLocalizer open(RepositorySource source, LocalizerOptions options) throws IOException {
		return open(source, options, null, false);
	}

	/**
	 * Like {@link #open(RepositorySource, LocalizerOptions)}, also comparing reports with file summaries
	 * by sentence embeddings ({@link Feature#EMBEDDING}) where the commit's weight set uses that signal;
	 * each commit's new files are embedded when it is indexed.
	 *
	 * @param alwaysEmbed embed even where the weights ignore the signal (feature dumps for tuning)
	 */
	public static CodeLocalizer open(RepositorySource source, LocalizerOptions options, SentenceEmbedder embedder,
			boolean alwaysEmbed) throws IOException {
		Repository repository = GitSnapshots.open(source.directory());
		try {
			return new CodeLocalizer(source, options, repository, new RepositoryIndex(options.indexDirectory()), embedder,
					alwaysEmbed);
		}
		catch (IOException | RuntimeException ex) {
			repository.close();
			throw ex;
		}
	}

	public RepositorySource source() {
		return source;
	}

	/** The full id of the commit a revision (id, branch, tag) names, if the repository has it. */
	public Optional<String> resolve(String revision) {
		return GitSnapshots.resolveCommit(repository, revision).map(ObjectId::name);
	}

	/**
	 * Indexes the files of a commit (only those not indexed before) and returns a view to rank
	 * against.
	 *
	 * @throws IllegalArgumentException if the repository has no such commit
	 */
	public IndexedCommit index(String revision) throws IOException {
		ObjectId commit = GitSnapshots.resolveCommit(repository, revision)
			.orElseThrow(() -> new IllegalArgumentException("no commit " + revision + " in " + source.name()));
		List<TreeFile> files = GitSnapshots.list(repository, commit, options::includes);
		int analysed;
		try (ObjectReader reader = repository.newObjectReader()) {
			analysed = index.add(files, f -> GitSnapshots.readText(reader, f.blob(), options.maxFileBytes()));
		}
		CommitView view = index.view(files);
		FileVectors.Result embedded = null;
		if (vectors != null && (alwaysEmbed || Ranker.forPaths(view.paths()).weight(Feature.EMBEDDING) != 0)) {
			try {
				embedded = vectors.of(files, view);
			}
			catch (IOException | RuntimeException ex) {
				view.close();
				throw ex;
			}
		}
		return new IndexedCommit(commit, view, analysed, history, messages,
				embedded == null ? null : new SummaryVectors(vectors.embedder(), embedded.vectors(), embedded.embedded()));
	}

	/** Documents in the repository's index, over all commits indexed so far. */
	public int indexedDocuments() {
		return index.documentCount();
	}

	@Override
	public void close() throws IOException {
		try {
			index.close();
		}
		finally {
			repository.close();
		}
	}

}
