package io.bugbridge.fix.workspace;

import java.io.IOException;

/**
 * The remote refused to update a branch: the lease no longer held, a non-fast-forward or protected
 * branch was refused, or the remote turned the push away as a whole (authentication, permissions,
 * no such repository). The message names the ref and the remote's reason and never a token.
 */
public class PushRejectedException extends IOException {

	private final String ref;

	private final String reason;

	public PushRejectedException(String ref, String remote, String reason) {
		super("The remote " + remote + " refused to update " + ref + ": " + reason);
		this.ref = ref;
		this.reason = reason;
	}

	public String ref() {
		return ref;
	}

	public String reason() {
		return reason;
	}

}
