package io.bugbridge.admin;

import java.time.Duration;
import java.time.Instant;

/** Figures too costly to compute per request, as the last sync-stats run left them. */
record StatsSnapshot(Instant computedAt, int windowDays, Duration medianFirstResponse, Duration medianResolution,
		long firstResponseMeasured, long firstResponseBreached, long resolutionMeasured, long resolutionBreached,
		long breachedOpen, long ratings, long satisfied) {
}
