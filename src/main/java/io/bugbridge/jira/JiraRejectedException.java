package io.bugbridge.jira;

/**
 * Jira refused a request for a reason retrying will not fix (a 4xx other than 401, 408, 409 and
 * 429, or a transition the workflow lacks). The message says what to fix.
 */
class JiraRejectedException extends RuntimeException {

	private final int status;

	JiraRejectedException(int status, String message) {
		super(message);
		this.status = status;
	}

	int status() {
		return status;
	}

	boolean notFound() {
		return status == 404;
	}

}
