package io.bugbridge.admin;

import java.util.ArrayList;
import java.util.List;

import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedule;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The admin jobs on their cron schedules, as recurring background jobs: each firing runs on one
 * node of the cluster, and a firing missed while every node was down runs once at the next start.
 */
@Configuration(proxyBeanMethods = false)
class AdminJobSchedules {

	static final String SCHEDULE = "schedule";

	@Bean
	RecurringTask<Void> staleTicketsTask(AdminJobs jobs, AdminJobsProperties properties) {
		return recurring(AdminJobs.STALE_TICKETS, properties.staleTicketsCron(), properties,
				() -> jobs.checkStaleTickets(SCHEDULE));
	}

	@Bean
	RecurringTask<Void> weeklyReportTask(AdminJobs jobs, AdminJobsProperties properties) {
		return recurring(AdminJobs.WEEKLY_REPORT, properties.weeklyReportCron(), properties,
				() -> jobs.weeklyReport(SCHEDULE));
	}

	@Bean
	RecurringTask<Void> syncStatsTask(AdminJobs jobs, AdminJobsProperties properties) {
		return recurring(AdminJobs.SYNC_STATS, properties.syncStatsCron(), properties, () -> jobs.syncStats(SCHEDULE));
	}

	private static RecurringTask<Void> recurring(String name, String cron, AdminJobsProperties properties,
			Runnable job) {
		// "-" disables a schedule: db-scheduler's cron parser understands it and never fires.
		Schedule schedule = Schedules.cron(cron, properties.zone());
		return Tasks.recurring(name, schedule).execute((instance, context) -> job.run());
	}

}
