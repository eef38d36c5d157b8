package io.bugbridge.sla;

import java.time.Duration;

/**
 * SLA performance over a period.
 *
 * @param medianFirstResponse wall-clock median from opening to first response; null without data
 * @param firstResponseMeasured tickets whose first response fell in the period
 * @param firstResponseBreached of those, how many came late
 * @param breachedOpen unresolved tickets that have breached a target, at the time of the query
 */
public record SlaMetrics(Duration medianFirstResponse, Duration medianResolution, long firstResponseMeasured,
		long firstResponseBreached, long resolutionMeasured, long resolutionBreached, long breachedOpen) {

	/** Share of first responses within target, or null when none were measured. */
	public Double firstResponseMetRate() {
		return firstResponseMeasured == 0 ? null
				: (double) (firstResponseMeasured - firstResponseBreached) / firstResponseMeasured;
	}

	public Double resolutionMetRate() {
		return resolutionMeasured == 0 ? null : (double) (resolutionMeasured - resolutionBreached) / resolutionMeasured;
	}

}
