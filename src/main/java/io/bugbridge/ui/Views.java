package io.bugbridge.ui;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import io.bugbridge.sla.SlaStatus;
import io.bugbridge.ticket.Priority;
import io.bugbridge.ticket.Status;
import io.bugbridge.ticket.TicketType;
import org.springframework.stereotype.Component;

/**
 * Formatting the templates share ({@code ${@ui.date(ticket.created)}}): dates, badge classes,
 * labels. Dates are rendered in UTC; the page script shows them in the reader's own time zone.
 */
@Component("ui")
public class Views {

	private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	public String date(Instant instant) {
		return instant == null ? "" : DATE_TIME.format(instant);
	}

	/** For {@code <time datetime>}. */
	public String iso(Instant instant) {
		return instant == null ? "" : DateTimeFormatter.ISO_INSTANT.format(instant);
	}

	public String statusClass(Status status) {
		return "badge status-" + slug(status.label());
	}

	public String priorityClass(Priority priority) {
		return "badge priority-" + slug(priority.label());
	}

	public String typeClass(TicketType type) {
		return "badge type-" + slug(type.label());
	}

	/** "Bug report" rather than "Bug": what customers chose when filing. */
	public String typeName(TicketType type) {
		return switch (type) {
			case BUG -> "Bug report";
			case FEATURE -> "Feature request";
			case SUPPORT -> "Support ticket";
		};
	}

	public String slaLabel(SlaStatus sla) {
		if (sla == null) {
			return "";
		}
		return switch (sla.state()) {
			case SlaStatus.ON_TRACK -> "On track";
			case SlaStatus.AT_RISK -> "At risk";
			case SlaStatus.PAUSED -> "Paused";
			case SlaStatus.BREACHED -> "Breached";
			case SlaStatus.MET -> "Met";
			default -> sla.state();
		};
	}

	public String slaClass(SlaStatus sla) {
		return sla == null ? "badge" : "badge sla-" + slug(sla.state());
	}

	/** A clock's due time or outcome, e.g. "due 2026-01-31 14:05 UTC" or "done 2026-01-30 ...". */
	public String clock(SlaStatus.Target target) {
		if (target == null) {
			return "";
		}
		String late = target.breached() ? " (late)" : "";
		if (target.completedAt() != null) {
			return "done " + date(target.completedAt()) + late;
		}
		if (target.paused()) {
			return "paused, " + duration(target.remaining()) + " left";
		}
		return "due " + date(target.due()) + late;
	}

	public String duration(java.time.Duration duration) {
		long minutes = Math.abs(duration.toMinutes());
		String text = minutes >= 1440 ? minutes / 1440 + "d " + (minutes % 1440) / 60 + "h"
				: minutes >= 60 ? minutes / 60 + "h " + minutes % 60 + "m" : minutes + "m";
		return duration.isNegative() ? "-" + text : text;
	}

	public String size(long bytes) {
		if (bytes >= 1024 * 1024) {
			String megabytes = String.format(Locale.ROOT, "%.1f", bytes / (1024.0 * 1024));
			return (megabytes.endsWith(".0") ? megabytes.substring(0, megabytes.length() - 2) : megabytes) + " MB";
		}
		if (bytes >= 1024) {
			return (bytes + 1023) / 1024 + " KB";
		}
		return bytes + " bytes";
	}

	public String percent(Double share) {
		return share == null ? "–" : Math.round(share * 100) + "%";
	}

	/** "USD 0.42": estimated AI spending, to the cent. */
	public String usd(java.math.BigDecimal amount) {
		return amount == null ? "–" : "USD " + amount.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
	}

	static String slug(String label) {
		return label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
	}

}
