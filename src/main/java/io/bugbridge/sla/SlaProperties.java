package io.bugbridge.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.bugbridge.ticket.Priority;
import io.bugbridge.ticket.Status;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Service-level targets. Defaults are the product brief's: first response within 4 h for Critical
 * and High, 24 h for Medium and Low; resolution within 24 h (Critical), 72 h (High), one week
 * (Medium, Low).
 *
 * @param firstResponse time to the first public staff comment, per priority
 * @param resolution time to Resolved or Closed, per priority
 * @param pauseStatuses statuses in which the clocks stop because the ball is in the customer's court
 * @param atRiskFraction share of a target after which a running clock counts as at risk
 * @param businessHours when set and enabled, only working time counts
 * @param monitorInterval how often breaches are looked for
 */
@ConfigurationProperties("bugbridge.sla")
public record SlaProperties(Map<Priority, Duration> firstResponse, Map<Priority, Duration> resolution,
		@DefaultValue("Waiting for Customer") List<Status> pauseStatuses, @DefaultValue("0.75") double atRiskFraction,
		BusinessHours businessHours, @DefaultValue("1m") Duration monitorInterval) {

	public SlaProperties {
		firstResponse = withDefaults(firstResponse, Duration.ofHours(4), Duration.ofHours(4), Duration.ofHours(24),
				Duration.ofHours(24));
		resolution = withDefaults(resolution, Duration.ofHours(24), Duration.ofHours(72), Duration.ofDays(7),
				Duration.ofDays(7));
		businessHours = businessHours == null ? BusinessHours.ALWAYS : businessHours;
	}

	public Duration firstResponseTarget(Priority priority) {
		return firstResponse.get(priority);
	}

	public Duration resolutionTarget(Priority priority) {
		return resolution.get(priority);
	}

	public boolean pauses(Status status) {
		return pauseStatuses.contains(status);
	}

	private static Map<Priority, Duration> withDefaults(Map<Priority, Duration> configured, Duration critical,
			Duration high, Duration medium, Duration low) {
		Map<Priority, Duration> targets = new EnumMap<>(Map.of(Priority.CRITICAL, critical, Priority.HIGH, high,
				Priority.MEDIUM, medium, Priority.LOW, low));
		if (configured != null) {
			targets.putAll(configured);
		}
		return Map.copyOf(targets);
	}

	/**
	 * Working time. Disabled (the default) means every hour counts.
	 *
	 * @param zone time zone of the support team
	 * @param days working days
	 * @param start start of a working day
	 * @param end end of a working day
	 * @param holidays dates that do not count
	 */
	public record BusinessHours(@DefaultValue("false") boolean enabled, @DefaultValue("UTC") ZoneId zone,
			@DefaultValue({ "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY" }) Set<DayOfWeek> days,
			@DefaultValue("09:00") LocalTime start, @DefaultValue("17:00") LocalTime end,
			@DefaultValue({}) Set<LocalDate> holidays) {

		static final BusinessHours ALWAYS = new BusinessHours(false, ZoneId.of("UTC"), Set.of(DayOfWeek.values()),
				LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, Set.of());

	}

}
