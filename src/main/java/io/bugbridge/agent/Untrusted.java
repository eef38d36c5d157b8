package io.bugbridge.agent;

/**
 * Untrusted text (bug reports, repository content, check logs) on its way into a prompt: the tags
 * BugBridge wraps data in are defused, so a report that writes {@code </bug_report>} cannot step out
 * of its data block and pose as instructions.
 */
public final class Untrusted {

	private Untrusted() {
	}

	public static String data(String text) {
		return text == null ? "" : text.replaceAll("(?i)<(/?)(bug_report|offline_evidence|repository|analysis|task)",
				"‹$1$2");
	}

}
