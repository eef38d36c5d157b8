package io.bugbridge.support;

/**
 * Sign-in accounts every {@link ApiTest} context has, for the browser pages. The hash is bcrypt at
 * cost 4, cheap enough for tests; production hashes use the default cost.
 */
public final class TestAccounts {

	public static final String PASSWORD = "browser-test-password-1";

	public static final String HASH = "{bcrypt}$2a$04$zegov5rDPM3Y3fD/K0IrqehUS0SAXNiDRG87yh1mM9p8sWBhAq7RW";

	public static final String ADMIN = "admin@bugbridge.example";

	/** A customer of account {@link #ACME}. */
	public static final String ALICE = "alice@acme.example";

	/** Alice's colleague: same customer account. */
	public static final String CAROL = "carol@acme.example";

	/** A customer of another account, {@link #GLOBEX}. */
	public static final String BOB = "bob@globex.example";

	public static final String ACME = "acme";

	public static final String GLOBEX = "globex";

	private TestAccounts() {
	}

}
