package io.bugbridge.fix;

import io.bugbridge.analysis.BugAnalysis;
import io.bugbridge.analysis.BugAnalysisService;
import org.springframework.stereotype.Component;

/** What the fix starts from: the ticket's latest analysis (Claude's or the offline one), as text. */
@Component
class FixEvidence {

	private final BugAnalysisService analyses;

	FixEvidence(BugAnalysisService analyses) {
		this.analyses = analyses;
	}

	/**
	 * The latest analysis as text, after waiting (bounded) for one that is still running: a fix
	 * requested together with its analysis starts from that analysis, not from an older one.
	 */
	String awaitLatest(String ticketKey, java.time.Duration wait) throws InterruptedException {
		long deadline = System.nanoTime() + wait.toNanos();
		while (analyses.latest(ticketKey).map(a -> !a.state().finished()).orElse(false) && System.nanoTime() < deadline) {
			Thread.sleep(500);
		}
		return of(ticketKey);
	}

	String of(String ticketKey) {
		return analyses.history(ticketKey)
			.stream()
			.filter(a -> a.analysis() != null)
			.findFirst()
			.map(FixEvidence::text)
			.orElse("");
	}

	private static String text(BugAnalysis analysis) {
		StringBuilder text = new StringBuilder(analysis.analysis());
		if (analysis.suggestedFiles() != null && !analysis.suggestedFiles().isEmpty()) {
			text.append("\n\nFiles to examine, best first:\n");
			analysis.suggestedFiles().forEach(f -> text.append("- ").append(f.path())
				.append(f.lineStart() == null ? "" : ":" + f.lineStart() + "-" + f.lineEnd()).append('\n'));
		}
		return text.toString();
	}

}
