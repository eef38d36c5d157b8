package io.bugbridge.admin;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.bugbridge.analysis.BugAnalysis;

/**
 * An analysis in the brief's response shape ({@code issue_key, analysis, suggested_files,
 * fix_approach, pr_url}) plus its state and structured findings.
 *
 * @param suggestedFiles paths, best first, as in the brief
 * @param evidence per suggested file, its score and the evidence behind it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record AnalysisView(long analysisId, String issueKey, String status, int progress, String progressMessage,
		String analysis, List<String> suggestedFiles, String fixApproach, List<String> rootCauseHypotheses,
		List<BugAnalysis.SuggestedFile> evidence, List<String> sideEffects, String estimatedEffort, String riskLevel,
		String engine, String prUrl, Instant requested, Instant finished, String error, String understanding,
		String confidence, String commit, String model, UsageView usage, List<String> droppedCitations, Integer readiness,
		boolean automatic, FixView fix) {

	/** The analysis with the ticket's latest Auto-Fix run, whose pull request is the brief's {@code pr_url}. */
	AnalysisView withFix(FixView fix) {
		if (fix == null) {
			return this;
		}
		return new AnalysisView(analysisId, issueKey, status, progress, progressMessage, analysis, suggestedFiles,
				fixApproach, rootCauseHypotheses, evidence, sideEffects, estimatedEffort, riskLevel, engine,
				fix.prUrl() != null ? fix.prUrl() : prUrl, requested, finished, error, understanding, confidence, commit,
				model, usage, droppedCitations, readiness, automatic, fix);
	}

	/** What a Claude run used; absent for offline analyses. */
	record UsageView(long inputTokens, long outputTokens, long cacheReadTokens, long cacheWriteTokens,
			java.math.BigDecimal costUsd, int turns, long durationMs) {

		static UsageView of(io.bugbridge.agent.Usage usage) {
			return usage == null ? null : new UsageView(usage.inputTokens(), usage.outputTokens(), usage.cacheReadTokens(),
					usage.cacheWriteTokens(), usage.usd(), usage.turns(), usage.durationMillis());
		}

	}

	static AnalysisView of(BugAnalysis a) {
		BugAnalysis.Details d = a.details();
		return new AnalysisView(a.id(), a.ticketKey(), a.state().name().toLowerCase(java.util.Locale.ROOT), a.progress(),
				a.progressMessage(), a.analysis(),
				a.suggestedFiles() == null ? List.of() : a.suggestedFiles().stream().map(BugAnalysis.SuggestedFile::path).toList(),
				a.fixApproach(), a.rootCauseHypotheses(), a.suggestedFiles(), a.sideEffects(), a.estimatedEffort(),
				a.riskLevel(), a.engine(), a.pullRequestUrl(), a.requested(), a.finished(), a.error(), d.understanding(),
				d.confidence(), d.commit(), d.model(), UsageView.of(d.usage()), d.droppedCitations(), d.readiness(),
				d.automatic(), null);
	}

}
