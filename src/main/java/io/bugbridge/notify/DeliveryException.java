package io.bugbridge.notify;

/**
 * A delivery that did not go through, with a message safe to store and log (no webhook URLs, no
 * credentials). Permanent failures (an address the server rejects, a webhook Slack no longer
 * knows) are not retried.
 */
class DeliveryException extends RuntimeException {

	private final boolean permanent;

	DeliveryException(String message, boolean permanent) {
		super(message, null, false, false);
		this.permanent = permanent;
	}

	boolean permanent() {
		return permanent;
	}

}
