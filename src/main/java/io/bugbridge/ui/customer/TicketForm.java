package io.bugbridge.ui.customer;

import java.util.LinkedHashMap;
import java.util.Map;

import io.bugbridge.security.Caller;
import io.bugbridge.ticket.Labels;
import io.bugbridge.ticket.NewTicket;
import io.bugbridge.ticket.Priority;
import io.bugbridge.ticket.SupportCategory;
import io.bugbridge.ticket.TicketType;

/**
 * The fields of the three intake forms, as typed. Which apply depends on the type; the same limits
 * as the API (and the ticket table's columns) apply.
 */
public record TicketForm(String summary, String description, String priority, String environment,
		String stepsToReproduce, String expectedBehavior, String actualBehavior, String businessValue,
		String useCase, String category) {

	static final int SUMMARY = 255;

	static final int LONG_TEXT = 32 * 1024;

	static final int ENVIRONMENT = 4096;

	static TicketForm empty() {
		return new TicketForm(null, null, Priority.MEDIUM.label(), null, null, null, null, null, null, null);
	}

	/** Field name to message, in the order the fields appear; empty when the form can be filed. */
	Map<String, String> validate(TicketType type) {
		Map<String, String> errors = new LinkedHashMap<>();
		if (blank(summary)) {
			errors.put("summary", "Give your " + noun(type) + " a short summary.");
		}
		else if (summary.strip().length() > SUMMARY) {
			errors.put("summary", "Keep the summary to " + SUMMARY + " characters or fewer.");
		}
		if (parsePriority() == null) {
			errors.put("priority", "Choose a priority.");
		}
		if (type == TicketType.BUG && blank(description)) {
			errors.put("description", "Describe what went wrong.");
		}
		tooLong(errors, "description", description, LONG_TEXT);
		if (type == TicketType.BUG) {
			tooLong(errors, "stepsToReproduce", stepsToReproduce, LONG_TEXT);
			tooLong(errors, "expectedBehavior", expectedBehavior, LONG_TEXT);
			tooLong(errors, "actualBehavior", actualBehavior, LONG_TEXT);
			tooLong(errors, "environment", environment, ENVIRONMENT);
		}
		if (type == TicketType.FEATURE) {
			tooLong(errors, "businessValue", businessValue, LONG_TEXT);
			tooLong(errors, "useCase", useCase, LONG_TEXT);
		}
		if (type == TicketType.SUPPORT && parseCategory() == null) {
			errors.put("category", "Choose what you need help with.");
		}
		return errors;
	}

	NewTicket toNewTicket(TicketType type, Caller caller) {
		return new NewTicket(type, summary.strip(), trimToNull(description), parsePriority(), caller.email(),
				caller.name(), caller.customerId(), trimToNull(environment), trimToNull(stepsToReproduce),
				trimToNull(expectedBehavior), trimToNull(actualBehavior), trimToNull(businessValue), trimToNull(useCase),
				type == TicketType.SUPPORT ? parseCategory() : null);
	}

	Priority parsePriority() {
		try {
			return priority == null ? null : Labels.parse(Priority.class, priority);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	SupportCategory parseCategory() {
		try {
			return category == null || category.isBlank() ? null : Labels.parse(SupportCategory.class, category);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	static String noun(TicketType type) {
		return switch (type) {
			case BUG -> "bug report";
			case FEATURE -> "feature request";
			case SUPPORT -> "support ticket";
		};
	}

	private static void tooLong(Map<String, String> errors, String field, String value, int limit) {
		if (value != null && value.length() > limit) {
			errors.put(field, "Keep this to " + limit + " characters or fewer.");
		}
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

	private static String trimToNull(String value) {
		return blank(value) ? null : value.strip();
	}

}
