package io.bugbridge.analysis.index;

/** Names of the per-file index fields. */
public final class Fields {

	/** Path and blob id: the identity of a document. */
	public static final String KEY = "key";

	/** The raw repository-relative path (stored). */
	public static final String PATH = "path";

	/** Terms of the path. */
	public static final String PATH_TERMS = "path_terms";

	/** Terms of the whole text. */
	public static final String CONTENT = "content";

	/** Terms of the names the file defines. */
	public static final String DEFS = "defs";

	/** Defined names exactly as written, one term each. */
	public static final String DEF_NAME = "def_name";

	/** Imports as written, newline-separated (stored). */
	public static final String IMPORTS = "imports";

	/** A short description of the file for sentence embeddings (stored; see {@link FileSummary}). */
	public static final String SUMMARY = "summary";

	static final String LENGTH_PREFIX = "len_";

	private Fields() {
	}

}
