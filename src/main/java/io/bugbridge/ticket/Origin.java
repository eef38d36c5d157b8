package io.bugbridge.ticket;

/**
 * Where a change came from. Changes that came from the tracker are applied without re-checking
 * local rules (the tracker owns those fields) and are never sent back to it (no echo loops).
 */
public enum Origin {

	/** Made in BugBridge: the portal, the admin console, a job. */
	LOCAL,

	/** Pulled from the issue tracker (webhook or reconciliation). */
	TRACKER

}
