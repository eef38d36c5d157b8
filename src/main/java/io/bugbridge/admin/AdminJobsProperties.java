package io.bugbridge.admin;

import java.time.Duration;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;

import io.bugbridge.ticket.Status;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Schedules and rules of the admin jobs. Cron expressions have six fields (second minute hour
 * day month weekday) and run in {@code zone}; {@code -} turns a schedule off.
 *
 * @param staleAfter how long a ticket may sit in a status without any update before it is stale
 * @param metricsWindow the period dashboard medians and SLA rates cover
 */
@ConfigurationProperties("bugbridge.admin")
public record AdminJobsProperties(@DefaultValue("0 0 9 * * *") String staleTicketsCron,
		@DefaultValue("0 0 8 * * MON") String weeklyReportCron, @DefaultValue("0 0 * * * *") String syncStatsCron,
		@DefaultValue("UTC") ZoneId zone, Map<Status, Duration> staleAfter, @DefaultValue("30d") Duration metricsWindow,
		@DefaultValue("500") int staleBatch) {

	public AdminJobsProperties {
		Map<Status, Duration> thresholds = new EnumMap<>(Status.class);
		thresholds.put(Status.OPEN, Duration.ofDays(3));
		thresholds.put(Status.IN_PROGRESS, Duration.ofDays(7));
		thresholds.put(Status.WAITING_FOR_CUSTOMER, Duration.ofDays(5));
		if (staleAfter != null) {
			thresholds.putAll(staleAfter);
		}
		staleAfter = Map.copyOf(thresholds);
	}

}
