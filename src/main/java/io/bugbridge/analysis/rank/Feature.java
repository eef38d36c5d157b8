package io.bugbridge.analysis.rank;

import io.bugbridge.analysis.Evidence.Kind;

/** The signals combined into a file's score; each is scaled to about [0, 1] per report. */
public enum Feature {

	CONTENT(Kind.TEXT_MATCH, 0.35),
	TITLE_CONTENT(Kind.TEXT_MATCH, 2.0),
	PATH(Kind.NAME_MATCH, 0.5),
	DEFINITIONS(Kind.NAME_MATCH, 0.4),
	STACK_FRAME(Kind.STACK_FRAME, 0.7),
	PATH_MENTION(Kind.PATH_MENTION, 1.5),
	MODULE_MENTION(Kind.MODULE_MENTION, 0.1),
	DEFINITION_MENTION(Kind.DEFINITION_MENTION, 0.7),
	SUBTYPE_MENTION(Kind.DEFINITION_MENTION, 0.5),
	QUOTED_TEXT(Kind.QUOTED_TEXT, 0.7),
	SIMILAR_FIX(Kind.SIMILAR_FIX, 0.5),
	RECENT_CHANGE(Kind.RECENT_CHANGE, 0.1),
	FIX_FREQUENCY(Kind.RECENT_CHANGE, 0.7),
	IMPORT_NEIGHBOUR(Kind.IMPORT_NEIGHBOUR, 0.02),
	CLASS_NAME(Kind.NAME_MATCH, 0.0),
	API_SIMILARITY(Kind.TEXT_MATCH, 0.0),
	FIX_RECENCY(Kind.RECENT_CHANGE, 0.0),
	SHORT_SIMILAR_FIX(Kind.SIMILAR_FIX, 0.0),
	TITLE_SIMILAR_FIX(Kind.SIMILAR_FIX, 0.0),
	TEST_FILE(null, -0.7),
	AUXILIARY_FILE(null, -2.0),
	PACKAGE_FILE(null, 0.0),
	SIZE(null, 0.05);

	private final Kind kind;

	private final double defaultWeight;

	private final double javaWeight;

	Feature(Kind kind, double defaultWeight) {
		this(kind, defaultWeight, defaultWeight);
	}

	Feature(Kind kind, double defaultWeight, double javaWeight) {
		this.kind = kind;
		this.defaultWeight = defaultWeight;
		this.javaWeight = javaWeight;
	}

	/** The evidence kind this feature reports as, or null for priors that explain nothing. */
	public Kind kind() {
		return kind;
	}

	/** Weight for code in most languages (fitted on Python reports). */
	public double defaultWeight() {
		return defaultWeight;
	}

	/** Weight for Java-like code (fitted on Java reports). */
	public double javaWeight() {
		return javaWeight;
	}

}
