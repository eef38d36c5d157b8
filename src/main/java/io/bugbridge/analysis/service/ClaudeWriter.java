package io.bugbridge.analysis.service;

import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.bugbridge.agent.Usage;
import io.bugbridge.analysis.BugAnalysis.SuggestedFile;
import io.bugbridge.analysis.claude.CheckedAnalysis;
import io.bugbridge.ticket.Ticket;

/**
 * Claude's checked analysis in the brief's layout (Understanding, Root Cause, Files to Examine,
 * Suggested Fix Approach, Potential Side Effects, Estimated Effort, Risk Level), for the internal
 * comment, plus the structured fields the API and console show.
 */
final class ClaudeWriter {

	static final String ENGINE = "claude";

	private ClaudeWriter() {
	}

	static AnalysisWriter.Result write(Ticket ticket, String repository, String commit, CheckedAnalysis analysis,
			Usage usage, RepositoryLinks links) {
		StringBuilder text = new StringBuilder();
		text.append("Bug Report: ").append(ticket.summary()).append('\n');
		text.append("Priority: ").append(ticket.priority()).append("\n\n");
		text.append("BugBridge Analysis (Claude ").append(usage.model()).append(", ").append(repository).append(" at ")
			.append(commit.substring(0, Math.min(10, commit.length()))).append(")\n");
		text.append("=".repeat(60)).append("\n\n");
		text.append("Understanding:\n").append(analysis.understanding()).append("\n\n");
		text.append("Root Cause:\n").append(analysis.rootCause());
		if (analysis.rootCauseLocation() != null) {
			text.append("\nLocation: ").append(analysis.rootCauseLocation().location());
		}
		text.append("\n\nFiles to Examine:\n");
		List<SuggestedFile> files = new ArrayList<>();
		for (int i = 0; i < analysis.files().size(); i++) {
			CheckedAnalysis.CitedFile file = analysis.files().get(i);
			text.append(i + 1).append(". ").append(file.location()).append(" - ").append(file.reason()).append('\n');
			// Claude gives an order, not a score: the list position is the score, best first.
			double score = Math.round((1.0 - i * 0.1) * 1000) / 1000.0;
			files.add(new SuggestedFile(file.path(), Math.max(0.1, score), List.of(file.reason()), file.lineStart(),
					file.lineEnd(), links.fileUrl(commit, file)));
		}
		text.append("\nSuggested Fix Approach:\n");
		List<String> steps = numbered(analysis.fixSteps());
		steps.forEach(step -> text.append(step).append('\n'));
		text.append("\nPotential Side Effects:\n");
		analysis.sideEffects().forEach(effect -> text.append("- ").append(effect).append('\n'));
		if (analysis.sideEffects().isEmpty()) {
			text.append("- None identified.\n");
		}
		text.append("\nEstimated Effort: ").append(analysis.effort()).append('\n');
		text.append("Risk Level: ").append(analysis.risk()).append("\n\n");
		text.append("Confidence: ").append(analysis.confidence()).append(". ").append(usage.turns()).append(" turns, ")
			.append(usage.totalTokens()).append(" tokens, about USD ")
			.append(usage.usd().setScale(2, RoundingMode.HALF_UP).toPlainString()).append(".");
		if (!analysis.dropped().isEmpty()) {
			text.append(" Removed ").append(analysis.dropped().size())
				.append(" citation(s) that do not exist at this commit: ").append(String.join(", ", analysis.dropped()))
				.append('.');
		}
		List<String> hypotheses = List.of(analysis.rootCause()
				+ (analysis.rootCauseLocation() == null ? "" : " (" + analysis.rootCauseLocation().location() + ")"));
		return new AnalysisWriter.Result(text.toString(), files, String.join("\n", steps), hypotheses,
				analysis.sideEffects(), analysis.effort(), analysis.risk(), analysis.confidence().toUpperCase(Locale.ROOT));
	}

	private static List<String> numbered(List<String> steps) {
		List<String> lines = new ArrayList<>();
		for (int i = 0; i < steps.size(); i++) {
			lines.add((i + 1) + ". " + steps.get(i).replaceFirst("^\\d+[.)]\\s*", ""));
		}
		return lines;
	}

}
