package io.bugbridge.cli;

import java.util.Collection;

/**
 * The best precision at k any ranking can reach with a given label: a query with r related
 * reports can have at most min(k, r) of them among its k suggestions. With one related report per
 * query no ranking gets above 1/k, so a target above the ceiling says the label, not the ranking,
 * is the limit.
 */
final class PrecisionCeiling {

	private PrecisionCeiling() {
	}

	/** The best P@{@code top} of one query that has {@code related} related reports. */
	static double ofQuery(int related, int top) {
		return (double) Math.min(top, Math.max(0, related)) / top;
	}

	/** The best mean P@{@code top} over queries with these numbers of related reports; 0 without queries. */
	static double of(Collection<Integer> relatedPerQuery, int top) {
		return relatedPerQuery.stream().mapToDouble(related -> ofQuery(related, top)).average().orElse(0);
	}

}
