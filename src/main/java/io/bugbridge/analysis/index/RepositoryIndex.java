package io.bugbridge.analysis.index;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import io.bugbridge.analysis.git.TreeFile;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * One Lucene index per repository holding a document per (path, blob) ever indexed. A commit is a
 * view over the documents of its tree, so indexing another commit of the same repository only
 * analyses the files whose content or path changed. Documents are never rewritten: blobs are
 * immutable.
 */
public final class RepositoryIndex implements AutoCloseable {

	static {
		// Queries hold one clause per distinct report term; long reports have hundreds.
		IndexSearcher.setMaxClauseCount(8192);
	}

	private final Directory directory;

	private final IndexWriter writer;

	private DirectoryReader reader;

	private Map<String, Integer> docByKey = new HashMap<>();

	/** Keys whose blob could not be used (missing, binary, too large); not retried. */
	private final Set<String> unusable = new HashSet<>();

	/** Opens (or creates) the index in {@code dir}; {@code null} keeps it in memory. */
	public RepositoryIndex(Path dir) throws IOException {
		this.directory = dir == null ? new ByteBuffersDirectory() : FSDirectory.open(dir);
		IndexWriterConfig config = new IndexWriterConfig().setRAMBufferSizeMB(64)
			.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
		this.writer = new IndexWriter(directory, config);
		this.reader = DirectoryReader.open(writer);
		this.docByKey = mapKeys(reader);
	}

	/**
	 * Adds the documents among {@code files} not indexed yet; {@code read} gives a blob's text or
	 * empty when it is unusable.
	 *
	 * @return how many files were analysed (not already in the index)
	 */
	public synchronized int add(List<TreeFile> files, Function<TreeFile, Optional<String>> read) throws IOException {
		int added = 0;
		for (TreeFile file : files) {
			String key = file.key();
			if (docByKey.containsKey(key) || unusable.contains(key)) {
				continue;
			}
			Optional<String> text = read.apply(file);
			added++;
			if (text.isEmpty()) {
				unusable.add(key);
				continue;
			}
			writer.addDocument(document(file, text.get()));
			docByKey.put(key, -1);
		}
		if (added > 0) {
			if (!(directory instanceof ByteBuffersDirectory)) {
				writer.commit();
			}
			DirectoryReader newer = DirectoryReader.openIfChanged(reader, writer);
			if (newer != null) {
				reader.close();
				reader = newer;
			}
			docByKey = mapKeys(reader);
		}
		return added;
	}

	/** A searchable view of exactly these files (those that were indexed). */
	public synchronized CommitView view(List<TreeFile> files) throws IOException {
		List<Integer> docs = new ArrayList<>(files.size());
		for (TreeFile file : files) {
			Integer doc = docByKey.get(file.key());
			if (doc != null && doc >= 0) {
				docs.add(doc);
			}
		}
		reader.incRef();
		return new CommitView(reader, docs);
	}

	public synchronized int documentCount() {
		return reader.numDocs();
	}

	private static Document document(TreeFile file, String text) {
		SourceFacts facts = SourceFacts.of(file.path(), text);
		List<String> content = CodeText.terms(text);
		List<String> path = CodeText.pathTerms(file.path());
		List<String> defs = CodeText.terms(String.join(" ", facts.definitions()));
		Document doc = new Document();
		doc.add(new StringField(Fields.KEY, file.key(), Field.Store.NO));
		doc.add(new SortedDocValuesField(Fields.KEY, new BytesRef(file.key())));
		doc.add(new StoredField(Fields.PATH, file.path()));
		doc.add(new Field(Fields.PATH_TERMS, new TermListTokenStream(path), TextField.TYPE_NOT_STORED));
		doc.add(new Field(Fields.CONTENT, new TermListTokenStream(content), TextField.TYPE_NOT_STORED));
		doc.add(new Field(Fields.DEFS, new TermListTokenStream(defs), TextField.TYPE_NOT_STORED));
		for (String name : facts.definitions()) {
			doc.add(new StringField(Fields.DEF_NAME, name, Field.Store.NO));
		}
		doc.add(new StoredField(Fields.IMPORTS, String.join("\n", facts.imports())));
		doc.add(new StoredField(Fields.SUMMARY, FileSummary.of(file.path(), text, facts.definitions())));
		doc.add(new NumericDocValuesField(Fields.LENGTH_PREFIX + Fields.PATH_TERMS, path.size()));
		doc.add(new NumericDocValuesField(Fields.LENGTH_PREFIX + Fields.CONTENT, content.size()));
		doc.add(new NumericDocValuesField(Fields.LENGTH_PREFIX + Fields.DEFS, defs.size()));
		return doc;
	}

	private static Map<String, Integer> mapKeys(DirectoryReader reader) throws IOException {
		Map<String, Integer> map = new HashMap<>(reader.maxDoc() * 2);
		for (LeafReaderContext leaf : reader.leaves()) {
			SortedDocValues keys = leaf.reader().getSortedDocValues(Fields.KEY);
			if (keys == null) {
				continue;
			}
			for (int doc = keys.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = keys.nextDoc()) {
				map.put(keys.lookupOrd(keys.ordValue()).utf8ToString(), leaf.docBase + doc);
			}
		}
		return map;
	}

	@Override
	public synchronized void close() throws IOException {
		reader.close();
		writer.close();
		directory.close();
	}

}
