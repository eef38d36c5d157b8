package io.bugbridge.admin;

import io.bugbridge.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Statistics and the brief's scheduled jobs. The jobs also run on built-in schedules (see
 * {@code bugbridge.admin.*-cron}); these endpoints run them now.
 */
@RestController
@RequestMapping(path = "/api/jira/admin", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Admin: statistics and jobs", description = "Dashboard figures and on-demand jobs (role admin)")
class AdminJobsController {

	private final StatsService stats;

	private final AdminJobs jobs;

	AdminJobsController(StatsService stats, AdminJobs jobs) {
		this.stats = stats;
		this.jobs = jobs;
	}

	@Operation(summary = "Dashboard statistics")
	@GetMapping("/stats")
	StatsView stats() {
		return stats.stats();
	}

	@Operation(summary = "Flag tickets idle too long: remind customers, note for staff")
	@PostMapping("/check-stale-tickets")
	AdminJobs.StaleTicketsResult checkStaleTickets(Caller caller) {
		return jobs.checkStaleTickets(who(caller));
	}

	@Operation(summary = "Generate the weekly report (Markdown and HTML) and send it to admins")
	@PostMapping("/weekly-report")
	AdminJobs.WeeklyReportResult weeklyReport(Caller caller) {
		return jobs.weeklyReport(who(caller));
	}

	@Operation(summary = "Recount ticket statistics and refresh the dashboard's medians, SLA and CSAT figures")
	@PostMapping("/sync-stats")
	AdminJobs.SyncStatsResult syncStats(Caller caller) {
		return jobs.syncStats(who(caller));
	}

	private static String who(Caller caller) {
		return caller.email() != null ? caller.email() : caller.subject();
	}

}
