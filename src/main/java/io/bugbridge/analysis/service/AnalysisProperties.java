package io.bugbridge.analysis.service;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How bug analyses run.
 *
 * @param autoAnalyze analyse new High and Critical bugs without being asked
 * @param maxActive analyses queued or running at once, over all tickets; more are refused (503)
 * @param awaitResult how long {@code POST /analyze-bug} waits for a result before answering 202
 * @param files files listed in an analysis
 * @param fetchInterval how often remote repositories are fetched and their branch re-indexed
 * @param embeddings compare reports with file summaries by sentence embeddings where the ranking
 * weights use that signal (files are embedded when a commit is indexed); off: the model is never
 * loaded for analyses
 */
@ConfigurationProperties("bugbridge.analysis")
public record AnalysisProperties(@DefaultValue("true") boolean autoAnalyze, @DefaultValue("100") int maxActive,
		@DefaultValue("20s") Duration awaitResult, @DefaultValue("10") int files,
		@DefaultValue("10m") Duration fetchInterval, @DefaultValue("true") boolean embeddings) {
}
