package io.bugbridge.analysis.rank;

import io.bugbridge.analysis.Evidence.Kind;

/** The signals combined into a file's score; each is scaled to about [0, 1] per report. */
public enum Feature {

	CONTENT(Kind.TEXT_MATCH, 1.88, 2.38),
	TITLE_CONTENT(Kind.TEXT_MATCH, 2.59, 1.94),
	PATH(Kind.NAME_MATCH, 1.83, 2.08),
	DEFINITIONS(Kind.NAME_MATCH, 1.72, 0.96),
	STACK_FRAME(Kind.STACK_FRAME, 0.05, 0.16),
	PATH_MENTION(Kind.PATH_MENTION, 0.15, 0.29),
	MODULE_MENTION(Kind.MODULE_MENTION, 0.13, 0.25),
	DEFINITION_MENTION(Kind.DEFINITION_MENTION, 0.9, 0.78),
	SUBTYPE_MENTION(Kind.DEFINITION_MENTION, 0.0, 0.06),
	QUOTED_TEXT(Kind.QUOTED_TEXT, 0.61, 0.2),
	SIMILAR_FIX(Kind.SIMILAR_FIX, 0.93, 1.37),
	RECENT_CHANGE(Kind.RECENT_CHANGE, 0.0, 0.96),
	FIX_FREQUENCY(Kind.RECENT_CHANGE, 0.8, 0.62),
	IMPORT_NEIGHBOUR(Kind.IMPORT_NEIGHBOUR, 0.0, 0.0),
	CLASS_NAME(Kind.NAME_MATCH, 0.0, 0.53),
	API_SIMILARITY(Kind.TEXT_MATCH, 0.5, 0.85),
	FIX_RECENCY(Kind.RECENT_CHANGE, 0.83, 0.26),
	SHORT_SIMILAR_FIX(Kind.SIMILAR_FIX, 0.0, 1.0),
	TITLE_SIMILAR_FIX(Kind.SIMILAR_FIX, 0.0, 0.0),
	TEST_FILE(null, -2.19, 0.3),
	AUXILIARY_FILE(null, -0.39, -0.2),
	PACKAGE_FILE(null, -0.27, 0.0),
	SIZE(null, -0.09, 0.35);

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
