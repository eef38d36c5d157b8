package io.bugbridge.admin;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.bugbridge.analysis.BugAnalysis;
import io.bugbridge.analysis.BugAnalysisService;
import io.bugbridge.fix.AutoFixService;
import io.bugbridge.fix.AutoFixUnavailableException;
import io.bugbridge.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Bug analysis for admins. Analyses run as background jobs; the request waits a short while for
 * the result and otherwise answers 202 with where to poll.
 */
@RestController
@RequestMapping(path = "/api/jira/admin", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Admin: bug analysis", description = "Root cause, files to examine, fix approach (role admin)")
class AnalyzeBugController {

	private static final Duration POLL = Duration.ofMillis(250);

	private final BugAnalysisService analyses;

	private final AutoFixService fixes;

	private final Duration awaitResult;

	AnalyzeBugController(BugAnalysisService analyses, AutoFixService fixes,
			@org.springframework.beans.factory.annotation.Value("${bugbridge.analysis.await-result:20s}") Duration awaitResult) {
		this.analyses = analyses;
		this.fixes = fixes;
		this.awaitResult = awaitResult;
	}

	@Operation(summary = "Analyse a bug: root cause, files to examine, fix approach",
			description = "200 with the analysis when it finishes within a few seconds, else 202 with a Location to"
					+ " poll. One analysis per ticket runs at a time; asking again while it runs returns that one.")
	@PostMapping(path = "/analyze-bug", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<AnalysisView> analyze(@Valid @RequestBody AnalyzeBugRequest request, Caller caller)
			throws InterruptedException {
		boolean createPr = Boolean.TRUE.equals(request.createPr());
		if (request.wantsFix()) {
			AutoFixService.Availability availability = fixes.availability(createPr);
			if (!availability.available()) {
				throw new AutoFixUnavailableException(request.fixField(), availability);
			}
		}
		BugAnalysis analysis = analyses.request(request.issueKey(), request.codebasePath(), AdminIssueController.staff(caller));
		if (request.wantsFix()) {
			// The fix run waits for this analysis and starts from it.
			fixes.request(request.issueKey(), createPr, AdminIssueController.staff(caller));
		}
		long deadline = System.nanoTime() + awaitResult.toNanos();
		while (!analysis.state().finished() && System.nanoTime() < deadline) {
			Thread.sleep(POLL.toMillis());
			analysis = analyses.find(analysis.id()).orElse(analysis);
		}
		URI location = URI.create("/api/jira/admin/analyses/" + analysis.id());
		AnalysisView view = withFix(analysis);
		return analysis.state().finished() ? ResponseEntity.ok().location(location).body(view)
				: ResponseEntity.accepted().location(location).body(view);
	}

	private AnalysisView withFix(BugAnalysis analysis) {
		return AnalysisView.of(analysis).withFix(fixes.latest(analysis.ticketKey()).map(FixView::of).orElse(null));
	}

	@Operation(summary = "An Auto-Fix run: state, branch, pull request, the service's test results, diff and cost")
	@GetMapping("/fixes/{id}")
	FixView fix(@PathVariable long id) {
		return fixes.find(id).map(FixView::of).orElseThrow(() -> new ErrorResponseException(HttpStatus.NOT_FOUND,
				ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No Auto-Fix run " + id + "."), null));
	}

	@Operation(summary = "Every Auto-Fix run of a ticket, newest first")
	@GetMapping("/issues/{key}/fixes")
	List<FixView> fixes(@PathVariable String key) {
		return fixes.history(key).stream().map(FixView::of).toList();
	}

	@Operation(summary = "Cancel an Auto-Fix run: a queued run stops at once, a working one at its next step")
	@PostMapping("/fixes/{id}/cancel")
	FixView cancel(@PathVariable long id, Caller caller) {
		fix(id);
		return FixView.of(fixes.cancel(id, AdminIssueController.staff(caller)));
	}

	@Operation(summary = "An analysis, e.g. to poll one that is still running")
	@GetMapping("/analyses/{id}")
	AnalysisView analysis(@PathVariable long id) {
		return analyses.find(id).map(this::withFix).orElseThrow(() -> new ErrorResponseException(HttpStatus.NOT_FOUND,
				ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No analysis " + id + "."), null));
	}

	@Operation(summary = "Every analysis of a ticket, newest first")
	@GetMapping("/issues/{key}/analyses")
	List<AnalysisView> history(@PathVariable String key) {
		return analyses.history(key).stream().map(AnalysisView::of).toList();
	}

}
