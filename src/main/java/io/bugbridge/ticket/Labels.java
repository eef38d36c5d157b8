package io.bugbridge.ticket;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Parses the enums of this module from the labels people type. Lenient about case, spaces and
 * underscores ("in progress", "IN_PROGRESS" and "In Progress" are one status) because portals and
 * Jira disagree on spelling, strict about anything else.
 */
public final class Labels {

	private Labels() {
	}

	public static <E extends Enum<E>> E parse(Class<E> type, String value) {
		if (value != null) {
			// Exact labels (what the database and well-behaved clients send) need no normalising.
			for (E constant : type.getEnumConstants()) {
				if (constant.toString().equals(value)) {
					return constant;
				}
			}
			String wanted = normalise(value);
			for (E constant : type.getEnumConstants()) {
				if (normalise(constant.toString()).equals(wanted) || normalise(constant.name()).equals(wanted)) {
					return constant;
				}
			}
		}
		throw new IllegalArgumentException("'" + value + "' is not one of " + allowed(type));
	}

	/** The labels a client may send, in declaration order, for error messages. */
	public static List<String> allowed(Class<? extends Enum<?>> type) {
		return Arrays.stream(type.getEnumConstants()).map(Object::toString).toList();
	}

	private static String normalise(String value) {
		return value.trim().replace('_', ' ').replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
	}

}
