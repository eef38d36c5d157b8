package io.bugbridge.fix;

import java.math.RoundingMode;
import java.util.List;

import io.bugbridge.agent.Usage;
import io.bugbridge.fix.FixRun.TestRun;
import io.bugbridge.fix.FixRun.Verification;
import io.bugbridge.ticket.Ticket;

/**
 * The pull request in the brief's layout: title {@code Fix <summary> (<KEY>)}; Description,
 * Changes, Root Cause, Testing (the service's real fail-before/pass-after results and the command),
 * {@code Resolves: <KEY>} and the run's cost.
 */
final class PullRequestText {

	private PullRequestText() {
	}

	static String title(Ticket ticket) {
		String summary = ticket.summary().strip();
		return "Fix " + (summary.length() > 200 ? summary.substring(0, 197) + "..." : summary) + " (" + ticket.key() + ")";
	}

	static String body(Ticket ticket, FixResult result, Usage usage, List<String> files, int attempt) {
		Verification v = result.verification();
		StringBuilder body = new StringBuilder();
		body.append("## Description\n").append(result.summary()).append("\n\n");
		body.append("## Changes\n").append(result.changes()).append("\n\nFiles:\n");
		files.forEach(file -> body.append("- `").append(file).append("`\n"));
		body.append("\n## Root Cause\n").append(result.rootCause()).append("\n\n");
		body.append("## Testing\n");
		body.append("BugBridge ran `").append(v.command()).append("` itself, in a sandbox without network:\n");
		if (v.failBefore() != null) {
			body.append("- Before the fix, with only the new or changed tests (")
				.append(String.join(", ", v.testFiles().stream().map(f -> "`" + f + "`").toList())).append("): ")
				.append(describe(v.failBefore())).append(" - the tests reproduce the bug.\n");
		}
		body.append("- With the fix: ").append(describe(v.passAfter())).append(".\n\n");
		body.append("What the agent reported:\n\n").append(quote(result.testing())).append("\n\n");
		body.append("Resolves: ").append(ticket.key()).append("\n\n---\n");
		body.append("Opened as a draft by BugBridge Auto-Fix (Claude ").append(usage.model()).append(")")
			.append(attempt > 0 ? ", repair attempt " + attempt : "").append(": ").append(usage.turns()).append(" turns, ")
			.append(usage.totalTokens()).append(" tokens, about USD ")
			.append(usage.usd().setScale(2, RoundingMode.HALF_UP).toPlainString())
			.append(". Review it like any other change before merging.\n");
		return body.toString();
	}

	static String describe(TestRun run) {
		if (run == null) {
			return "not run";
		}
		return (run.timedOut() ? "timed out" : "exit code " + run.exitCode() + (run.passed() ? ", passed" : ", failed"))
				+ " in " + Math.max(1, run.durationMillis() / 1000) + " s" + (run.sandboxed() ? "" : " (unsandboxed)");
	}

	private static String quote(String text) {
		return "> " + text.strip().replace("\n", "\n> ");
	}

}
