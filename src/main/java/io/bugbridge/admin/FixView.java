package io.bugbridge.admin;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.bugbridge.fix.FixRun;

/** An Auto-Fix run in the API: state, branch, pull request, the service's test results, diff and cost. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record FixView(long runId, String issueKey, String status, String progressMessage, boolean createPr, String branch,
		String baseCommit, String headCommit, Integer prNumber, String prUrl, String summary,
		FixRun.Verification verification, List<String> changedFiles, String diff, AnalysisView.UsageView usage,
		String error, int checkRetries, Instant requested, Instant prOpened, Instant decided, Instant finished) {

	static FixView of(FixRun run) {
		return new FixView(run.id(), run.ticketKey(), run.state().name().toLowerCase(java.util.Locale.ROOT),
				run.progressMessage(), run.createPr(), run.branch(), run.baseCommit(), run.headCommit(), run.prNumber(),
				run.prUrl(), run.summary(), run.verification(), run.changedFiles(), run.diff(),
				AnalysisView.UsageView.of(run.usage()), run.error(), run.checkRetries(), run.requestedAt(),
				run.prOpenedAt(), run.decidedAt(), run.finishedAt());
	}

}
