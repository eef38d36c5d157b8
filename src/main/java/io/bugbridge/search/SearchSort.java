package io.bugbridge.search;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Orders of the admin ticket list. Every order ends with the ticket id, so pages never overlap. */
public enum SearchSort {

	CREATED("created"), UPDATED("updated"), PRIORITY("priority"), VOTES("votes"), RELEVANCE("relevance");

	private final String parameter;

	SearchSort(String parameter) {
		this.parameter = parameter;
	}

	public String parameter() {
		return parameter;
	}

	/**
	 * A sort parameter: a field name, descending with a leading {@code -}; {@code relevance} is
	 * always best first.
	 */
	public record Order(SearchSort sort, boolean descending) {

		public static final Order NEWEST_FIRST = new Order(CREATED, true);

		public static Order parse(String value) {
			if (value == null || value.isBlank()) {
				return NEWEST_FIRST;
			}
			String trimmed = value.trim().toLowerCase(Locale.ROOT);
			boolean descending = trimmed.startsWith("-");
			String name = descending ? trimmed.substring(1) : trimmed;
			for (SearchSort sort : values()) {
				if (sort.parameter.equals(name)) {
					return new Order(sort, descending || sort == RELEVANCE);
				}
			}
			throw new IllegalArgumentException("'" + value + "' is not one of " + allowed());
		}

		public static List<String> allowed() {
			return Arrays.stream(values()).map(SearchSort::parameter).flatMap(p -> List.of(p, "-" + p).stream()).toList();
		}

		@Override
		public String toString() {
			return (descending && sort != RELEVANCE ? "-" : "") + sort.parameter;
		}

	}

}
