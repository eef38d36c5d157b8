package io.bugbridge.admin;

import java.time.Instant;
import java.util.Map;

/**
 * {@code GET /api/jira/admin/stats}. The brief's six numbers count unresolved tickets (status not
 * Resolved or Closed) except {@code total_issues}, which counts all. Counts are live; the medians,
 * SLA and CSAT figures come from the last sync-stats run ({@code metrics_computed_at}) and cover
 * the last {@code metrics_window_days} days. {@code ai_usage} is Claude's tokens and cost.
 */
public record StatsView(long totalIssues, long openBugs, long openFeatures, long openSupport, long highPriority,
		long criticalPriority, Map<String, Long> byStatus, Map<String, Long> byPriority, Map<String, Long> byType,
		SlaFigures sla, Double medianFirstResponseHours, Double medianResolutionHours, Csat csat,
		Double aiFixSuccessRate, Instant metricsComputedAt, int metricsWindowDays, AiUsage aiUsage,
		io.bugbridge.fix.AutoFixService.Stats autoFix) {

	/**
	 * What Claude used, over all time ({@code ai_usage}), and what it cost today (UTC).
	 *
	 * @param calls model calls (one per turn of a run), for analyses and fixes alike
	 * @param costUsd estimated from the configured price table
	 */
	public record AiUsage(long calls, long inputTokens, long outputTokens, long cacheReadTokens, long cacheWriteTokens,
			java.math.BigDecimal costUsd, java.math.BigDecimal spentTodayUsd) {
	}

	/**
	 * @param breachedOpen unresolved tickets that missed a target
	 * @param firstResponseMetRate share of first responses in the window that were on time
	 */
	public record SlaFigures(long breachedOpen, long firstResponseBreaches, long resolutionBreaches, Double firstResponseMetRate,
			Double resolutionMetRate) {
	}

	/** @param score share of ratings that were 4 or 5 */
	public record Csat(long ratings, long satisfied, Double score) {
	}

}
