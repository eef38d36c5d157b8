package io.bugbridge.sla;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;

/**
 * Measures time the way SLA targets count it: every hour, or only working hours. Both directions
 * are needed: how much working time lies between two instants, and when a given amount of working
 * time from an instant is used up.
 */
interface BusinessCalendar {

	Duration between(Instant from, Instant to);

	Instant plus(Instant from, Duration amount);

	static BusinessCalendar of(SlaProperties.BusinessHours hours) {
		return hours.enabled() ? new WorkingHours(hours) : new AlwaysOpen();
	}

	/** Every hour counts. */
	final class AlwaysOpen implements BusinessCalendar {

		@Override
		public Duration between(Instant from, Instant to) {
			return to.isAfter(from) ? Duration.between(from, to) : Duration.ZERO;
		}

		@Override
		public Instant plus(Instant from, Duration amount) {
			return from.plus(amount);
		}

	}

	/** Only the configured hours of working days that are not holidays count. */
	final class WorkingHours implements BusinessCalendar {

		private final SlaProperties.BusinessHours hours;

		WorkingHours(SlaProperties.BusinessHours hours) {
			if (!hours.end().isAfter(hours.start()) || hours.days().isEmpty()) {
				throw new IllegalArgumentException(
						"bugbridge.sla.business-hours needs working days and an end after its start");
			}
			this.hours = hours;
		}

		@Override
		public Duration between(Instant from, Instant to) {
			if (!to.isAfter(from)) {
				return Duration.ZERO;
			}
			Duration total = Duration.ZERO;
			LocalDate day = from.atZone(hours.zone()).toLocalDate();
			LocalDate last = to.atZone(hours.zone()).toLocalDate();
			for (; !day.isAfter(last); day = day.plusDays(1)) {
				if (isWorkingDay(day)) {
					Instant open = max(from, opening(day));
					Instant close = min(to, closing(day));
					if (close.isAfter(open)) {
						total = total.plus(Duration.between(open, close));
					}
				}
			}
			return total;
		}

		@Override
		public Instant plus(Instant from, Duration amount) {
			Duration left = amount;
			LocalDate day = from.atZone(hours.zone()).toLocalDate();
			// A bounded walk: even a year of targets crosses at most a few hundred working days.
			for (int guard = 0; guard < 20_000; guard++, day = day.plusDays(1)) {
				if (!isWorkingDay(day)) {
					continue;
				}
				Instant open = max(from, opening(day));
				Instant close = closing(day);
				if (!close.isAfter(open)) {
					continue;
				}
				Duration available = Duration.between(open, close);
				if (available.compareTo(left) >= 0) {
					return open.plus(left);
				}
				left = left.minus(available);
			}
			throw new IllegalStateException("No working time found within 20,000 days; check bugbridge.sla.business-hours");
		}

		private boolean isWorkingDay(LocalDate day) {
			return hours.days().contains(day.getDayOfWeek()) && !hours.holidays().contains(day);
		}

		private Instant opening(LocalDate day) {
			return ZonedDateTime.of(day, hours.start(), hours.zone()).toInstant();
		}

		private Instant closing(LocalDate day) {
			return ZonedDateTime.of(day, hours.end(), hours.zone()).toInstant();
		}

		private static Instant max(Instant a, Instant b) {
			return a.isAfter(b) ? a : b;
		}

		private static Instant min(Instant a, Instant b) {
			return a.isBefore(b) ? a : b;
		}

	}

}
