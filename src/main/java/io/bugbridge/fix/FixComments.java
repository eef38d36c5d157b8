package io.bugbridge.fix;

import java.math.RoundingMode;

/** The internal comments a run leaves on its ticket, for staff only. */
final class FixComments {

	private FixComments() {
	}

	static String ended(FixRun run) {
		StringBuilder text = new StringBuilder("Auto-Fix ");
		switch (run.state()) {
			case TESTED -> text.append("produced a tested fix (not pushed, as asked): ").append(run.summary());
			case CANCELLED -> text.append("was cancelled.");
			default -> text.append("did not open a pull request. ").append(run.error());
		}
		appendVerification(text, run);
		appendCost(text, run);
		return text.toString();
	}

	static String opened(FixRun run, boolean updated) {
		StringBuilder text = new StringBuilder("Auto-Fix ").append(updated ? "updated" : "opened")
			.append(" draft pull request ").append(run.prUrl()).append(" on branch ").append(run.branch()).append(": ")
			.append(run.summary());
		appendVerification(text, run);
		appendCost(text, run);
		return text.toString();
	}

	private static void appendVerification(StringBuilder text, FixRun run) {
		if (run.verification() != null) {
			text.append("\nTests (run by BugBridge in the sandbox): before the fix ")
				.append(PullRequestText.describe(run.verification().failBefore())).append("; with the fix ")
				.append(PullRequestText.describe(run.verification().passAfter())).append('.');
		}
	}

	private static void appendCost(StringBuilder text, FixRun run) {
		if (run.usage() != null) {
			text.append("\nClaude: ").append(run.usage().turns()).append(" turns, ").append(run.usage().totalTokens())
				.append(" tokens, about USD ").append(run.usage().usd().setScale(2, RoundingMode.HALF_UP).toPlainString())
				.append('.');
		}
	}

}
