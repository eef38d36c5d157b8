package io.bugbridge.analysis;

import io.bugbridge.analysis.Evidence.Kind;

/**
 * The signals combined into a file's score; each is scaled to about [0, 1] per report. Public so that
 * tuning tools can read feature dumps ({@code bench localize-cv}); the weights are what they fit.
 */
public enum Feature {

	CONTENT(Kind.TEXT_MATCH, 1.98, 2.76),
	TITLE_CONTENT(Kind.TEXT_MATCH, 2.66, 2.3),
	PATH(Kind.NAME_MATCH, 1.8, 1.45),
	DEFINITIONS(Kind.NAME_MATCH, 1.71, 0.88),
	STACK_FRAME(Kind.STACK_FRAME, 0.05, 0.03),
	PATH_MENTION(Kind.PATH_MENTION, 0.14, 0.52),
	MODULE_MENTION(Kind.MODULE_MENTION, 0.15, 0.0),
	DEFINITION_MENTION(Kind.DEFINITION_MENTION, 0.87, 1.45),
	SUBTYPE_MENTION(Kind.DEFINITION_MENTION, 0.0, 0.0),
	QUOTED_TEXT(Kind.QUOTED_TEXT, 0.58, 1.32),
	SIMILAR_FIX(Kind.SIMILAR_FIX, 1.08, 0.58),
	RECENT_CHANGE(Kind.RECENT_CHANGE, 0.2, 0.66),
	FIX_FREQUENCY(Kind.RECENT_CHANGE, 1.13, 0.85),
	IMPORT_NEIGHBOUR(Kind.IMPORT_NEIGHBOUR, 0.0, 0.0),
	CLASS_NAME(Kind.NAME_MATCH, 0.0, 0.57),
	API_SIMILARITY(Kind.TEXT_MATCH, 0.0, 0.77),
	FIX_RECENCY(Kind.RECENT_CHANGE, 0.0, 0.56),
	SHORT_SIMILAR_FIX(Kind.SIMILAR_FIX, 0.0, 0.34),
	TITLE_SIMILAR_FIX(Kind.SIMILAR_FIX, 0.0, 0.93),
	EMBEDDING(Kind.TEXT_MATCH, 0.0, 1.66),
	TEST_FILE(null, -2.23, -0.46),
	AUXILIARY_FILE(null, -0.45, -0.13),
	PACKAGE_FILE(null, -0.27, 0.0),
	SIZE(null, 0.0, 1.08);

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
