package io.bugbridge.portal;

/** Field size limits of the intake API; the database columns are sized to match. */
final class Limits {

	static final int SUMMARY = 255;

	/** 32 KiB of text: descriptions, steps, comments. */
	static final int LONG_TEXT = 32 * 1024;

	static final int ENVIRONMENT = 4096;

	static final int EMAIL = 320;

	static final int CUSTOMER_ID = 128;

	private Limits() {
	}

}
