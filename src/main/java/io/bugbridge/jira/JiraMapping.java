package io.bugbridge.jira;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.bugbridge.ticket.Priority;
import io.bugbridge.ticket.Status;
import io.bugbridge.ticket.TicketType;

/** Ticket types, priorities and statuses between BugBridge's names and the Jira project's. */
class JiraMapping {

	private final JiraProperties properties;

	JiraMapping(JiraProperties properties) {
		this.properties = properties;
	}

	String issueType(TicketType type) {
		return switch (type) {
			case BUG -> properties.issueTypes().bug();
			case FEATURE -> properties.issueTypes().feature();
			case SUPPORT -> properties.issueTypes().support();
		};
	}

	/** An issue type made in Jira; anything unmapped (Epic, Sub-task, ...) counts as support. */
	TicketType ticketType(String issueType) {
		if (issueType == null) {
			return TicketType.SUPPORT;
		}
		if (issueType.equalsIgnoreCase(properties.issueTypes().bug())) {
			return TicketType.BUG;
		}
		if (issueType.equalsIgnoreCase(properties.issueTypes().feature())) {
			return TicketType.FEATURE;
		}
		return TicketType.SUPPORT;
	}

	String priority(Priority priority) {
		return switch (priority) {
			case LOW -> properties.priorities().low();
			case MEDIUM -> properties.priorities().medium();
			case HIGH -> properties.priorities().high();
			case CRITICAL -> properties.priorities().critical();
		};
	}

	/** Jira's default scheme has five priorities and some sites have Blocker/Critical: fold them into four. */
	Priority ticketPriority(String name) {
		if (name == null) {
			return Priority.MEDIUM;
		}
		for (Priority p : Priority.values()) {
			if (priority(p).equalsIgnoreCase(name)) {
				return p;
			}
		}
		return switch (name.trim().toLowerCase(Locale.ROOT)) {
			case "highest", "blocker", "critical", "urgent" -> Priority.CRITICAL;
			case "high", "major" -> Priority.HIGH;
			case "low", "lowest", "minor", "trivial" -> Priority.LOW;
			default -> Priority.MEDIUM;
		};
	}

	/**
	 * The local status of a Jira status: by configured name first, else by its category
	 * ({@code new}, {@code indeterminate}, {@code done}).
	 */
	Status status(String name, String categoryKey) {
		if (name != null) {
			for (Map.Entry<String, String> entry : properties.statuses().entrySet()) {
				if (entry.getKey().equalsIgnoreCase(name.trim())) {
					return Status.fromLabel(entry.getValue());
				}
			}
		}
		return switch (categoryKey == null ? "" : categoryKey) {
			case "done" -> Status.RESOLVED;
			case "indeterminate" -> Status.IN_PROGRESS;
			default -> Status.OPEN;
		};
	}

	/** The Jira status names that mean this local status, for picking a transition. */
	Set<String> jiraStatuses(Status status) {
		Set<String> names = new LinkedHashSet<>();
		properties.statuses().forEach((jira, local) -> {
			if (Status.fromLabel(local) == status) {
				names.add(jira.toLowerCase(Locale.ROOT));
			}
		});
		names.add(status.label().toLowerCase(Locale.ROOT));
		return names;
	}

}
