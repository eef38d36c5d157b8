package io.bugbridge.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import io.bugbridge.ticket.Priority;
import io.bugbridge.ticket.Status;
import io.bugbridge.ticket.TicketUpdate;
import io.bugbridge.web.InvalidRequestException;
import io.bugbridge.web.InvalidRequestException.FieldProblem;
import tools.jackson.databind.JsonNode;

/**
 * {@code PATCH /api/jira/admin/issues/{key}} read as a JSON merge patch: a field left out stays,
 * {@code "assignee_email": null} unassigns. Read by hand because a record cannot tell a missing
 * field from a null one. Unknown fields are refused so that a typo never silently does nothing.
 */
final class IssuePatch {

	static final Set<String> FIELDS = Set.of("status", "assignee_email", "priority");

	private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

	private IssuePatch() {
	}

	static TicketUpdate parse(JsonNode body) {
		if (body == null || !body.isObject()) {
			throw new InvalidRequestException("body", "must be a JSON object with any of " + FIELDS);
		}
		List<FieldProblem> problems = new ArrayList<>();
		for (String name : body.propertyNames()) {
			if (!FIELDS.contains(name)) {
				problems.add(new FieldProblem(name, "is not a field you can change; use " + FIELDS));
			}
		}
		Status status = null;
		Priority priority = null;
		Optional<String> assignee = null;
		if (body.has("status")) {
			status = label(body.get("status"), "status", Status.class, problems);
		}
		if (body.has("priority")) {
			priority = label(body.get("priority"), "priority", Priority.class, problems);
		}
		if (body.has("assignee_email")) {
			JsonNode value = body.get("assignee_email");
			if (value.isNull() || value.isString() && value.asString().isBlank()) {
				assignee = Optional.empty();
			}
			else if (!value.isString() || !EMAIL.matcher(value.asString().trim()).matches()
					|| value.asString().length() > 320) {
				problems.add(new FieldProblem("assignee_email", "must be an e-mail address, or null to unassign"));
			}
			else {
				assignee = Optional.of(value.asString().trim());
			}
		}
		if (problems.isEmpty() && status == null && priority == null && assignee == null) {
			problems.add(new FieldProblem("body", "names nothing to change; send any of " + FIELDS));
		}
		if (!problems.isEmpty()) {
			throw new InvalidRequestException(problems);
		}
		return new TicketUpdate(status, priority, assignee, null, null);
	}

	private static <E extends Enum<E>> E label(JsonNode value, String field, Class<E> type, List<FieldProblem> problems) {
		if (!value.isString()) {
			problems.add(new FieldProblem(field, "must be one of " + io.bugbridge.ticket.Labels.allowed(type)));
			return null;
		}
		try {
			return io.bugbridge.ticket.Labels.parse(type, value.asString());
		}
		catch (IllegalArgumentException ex) {
			problems.add(new FieldProblem(field, ex.getMessage()));
			return null;
		}
	}

	/** The body's shape, for the OpenAPI document only. */
	record Document(Status status, String assigneeEmail, Priority priority) {
	}

}
