package io.bugbridge.analysis;

/**
 * One reason a file was ranked where it is.
 *
 * @param kind which signal
 * @param detail human-readable specifics: the frame, the mentioned name, matched terms, a commit id
 * @param contribution how much this signal added to the file's score
 */
public record Evidence(Kind kind, String detail, double contribution) {

	public enum Kind {
		/** A frame of a stack trace in the report points into this file. */
		STACK_FRAME,
		/** The report names this file's path. */
		PATH_MENTION,
		/** The report names this file's module or fully qualified class. */
		MODULE_MENTION,
		/** The report names a class, function or method that this file defines. */
		DEFINITION_MENTION,
		/** Text quoted in the report (error message, config key) appears in this file. */
		QUOTED_TEXT,
		/** Words of the report match the file's content (BM25). */
		TEXT_MATCH,
		/** Words of the report match the file's path or defined names. */
		NAME_MATCH,
		/** Past commits whose messages resemble the report changed this file. */
		SIMILAR_FIX,
		/** The file changed recently (before the analysed commit). */
		RECENT_CHANGE,
		/** Imports or is imported by a file with strong evidence. */
		IMPORT_NEIGHBOUR
	}

}
