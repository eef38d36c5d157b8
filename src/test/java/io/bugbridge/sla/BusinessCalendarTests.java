package io.bugbridge.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BusinessCalendarTests {

	private final BusinessCalendar officeHours = BusinessCalendar.of(new SlaProperties.BusinessHours(true,
			ZoneId.of("Europe/Berlin"), EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(9, 0),
			LocalTime.of(17, 0), Set.of(LocalDate.of(2026, 12, 25))));

	@Test
	void countsOnlyWorkingHours() {
		// Friday 16:00 to Monday 10:00 Berlin time (UTC+1 in winter): one hour Friday, one Monday.
		Instant friday = Instant.parse("2026-11-27T15:00:00Z");
		Instant monday = Instant.parse("2026-11-30T09:00:00Z");

		assertThat(officeHours.between(friday, monday)).isEqualTo(Duration.ofHours(2));
	}

	@Test
	void findsWhenWorkingTimeRunsOutSkippingWeekendsAndHolidays() {
		Instant thursdayAfternoon = Instant.parse("2026-12-24T15:00:00Z"); // 16:00 local, Christmas Eve (a Thursday)

		// 1 h left on Thursday, Friday the 25th is a holiday, weekend: 3 more hours end Monday 12:00 local.
		assertThat(officeHours.plus(thursdayAfternoon, Duration.ofHours(4))).isEqualTo(Instant.parse("2026-12-28T11:00:00Z"));
	}

	@Test
	void plusAndBetweenAgree() {
		Instant start = Instant.parse("2026-11-25T20:00:00Z");
		Instant due = officeHours.plus(start, Duration.ofHours(24));

		assertThat(officeHours.between(start, due)).isEqualTo(Duration.ofHours(24));
	}

	@Test
	void alwaysOpenCountsEveryHour() {
		BusinessCalendar always = BusinessCalendar.of(SlaProperties.BusinessHours.ALWAYS);
		Instant start = Instant.parse("2026-11-28T00:00:00Z");

		assertThat(always.between(start, start.plus(Duration.ofHours(30)))).isEqualTo(Duration.ofHours(30));
		assertThat(always.plus(start, Duration.ofHours(4))).isEqualTo(start.plus(Duration.ofHours(4)));
	}

	@Test
	void refusesACalendarWithoutWorkingTime() {
		assertThatThrownBy(() -> BusinessCalendar.of(new SlaProperties.BusinessHours(true, ZoneId.of("UTC"),
				Set.of(DayOfWeek.MONDAY), LocalTime.of(17, 0), LocalTime.of(9, 0), Set.of())))
			.hasMessageContaining("bugbridge.sla.business-hours");
	}

}
