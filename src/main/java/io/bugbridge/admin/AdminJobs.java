package io.bugbridge.admin;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.bugbridge.notify.AdminNotifications;
import io.bugbridge.ticket.TicketService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The three admin jobs of the brief, each run on its schedule or on demand, and each run recorded
 * with who started it and what it did.
 */
@Service
class AdminJobs {

	static final String STALE_TICKETS = "check-stale-tickets";

	static final String WEEKLY_REPORT = "weekly-report";

	static final String SYNC_STATS = "sync-stats";

	private static final Logger log = LoggerFactory.getLogger(AdminJobs.class);

	private final StaleTicketCheck staleCheck;

	private final WeeklyReport weeklyReport;

	private final StatsService stats;

	private final TicketService tickets;

	private final JobRuns runs;

	private final AdminNotifications notifications;

	private final Clock clock;

	AdminJobs(StaleTicketCheck staleCheck, WeeklyReport weeklyReport, StatsService stats, TicketService tickets,
			JobRuns runs, AdminNotifications notifications, Clock clock) {
		this.notifications = notifications;
		this.staleCheck = staleCheck;
		this.weeklyReport = weeklyReport;
		this.stats = stats;
		this.tickets = tickets;
		this.runs = runs;
		this.clock = clock;
	}

	@Transactional
	StaleTicketsResult checkStaleTickets(String triggeredBy) {
		Instant started = clock.instant();
		List<StaleTicketCheck.StaleTicket> stale = staleCheck.run();
		String summary = stale.isEmpty() ? "No stale tickets."
				: stale.size() + " stale: " + String.join(", ", stale.stream().map(t -> t.key() + " (" + t.action() + ")").toList());
		long runId = runs.record(STALE_TICKETS, triggeredBy, started, clock.instant(), summary);
		log.info("{} by {}: {}", STALE_TICKETS, triggeredBy, summary);
		return new StaleTicketsResult(runId, started, stale.size(), stale);
	}

	@Transactional
	WeeklyReportResult weeklyReport(String triggeredBy) {
		Instant started = clock.instant();
		WeeklyReport.Report report = weeklyReport.generate();
		notifications.weeklyReport("BugBridge weekly report " + report.periodEnd().atOffset(java.time.ZoneOffset.UTC)
			.toLocalDate(), report.markdown(), report.html());
		long runId = runs.record(WEEKLY_REPORT, triggeredBy, started, clock.instant(), "Report " + report.id());
		log.info("{} by {}: report {}", WEEKLY_REPORT, triggeredBy, report.id());
		return new WeeklyReportResult(runId, report.id(), report.periodStart(), report.periodEnd(), report.markdown(),
				report.html());
	}

	@Transactional
	SyncStatsResult syncStats(String triggeredBy) {
		Instant started = clock.instant();
		int repaired = tickets.recount();
		// The change feed only needs to reach back as far as a node may lag.
		int pruned = tickets.pruneChangesBefore(started.minus(java.time.Duration.ofDays(1)));
		StatsSnapshot snapshot = stats.refreshSnapshot();
		String summary = "Recounted: " + repaired + " counters corrected; pruned " + pruned + " feed entries.";
		long runId = runs.record(SYNC_STATS, triggeredBy, started, clock.instant(), summary);
		if (repaired > 0) {
			log.warn("{}: {} ticket counters had drifted and were corrected", SYNC_STATS, repaired);
		}
		return new SyncStatsResult(runId, snapshot.computedAt(), repaired, stats.stats());
	}

	record StaleTicketsResult(long runId, Instant ranAt, int count, List<StaleTicketCheck.StaleTicket> tickets) {
	}

	record WeeklyReportResult(long runId, long reportId, Instant periodStart, Instant periodEnd, String markdown,
			String html) {
	}

	/** @param correctedCounters type/status/priority counters that had drifted from the tickets */
	record SyncStatsResult(long runId, Instant computedAt, int correctedCounters, StatsView stats) {
	}

}
