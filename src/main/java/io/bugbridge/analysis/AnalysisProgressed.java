package io.bugbridge.analysis;

/** Published whenever an analysis changes state or progress, for live views. */
public record AnalysisProgressed(BugAnalysis analysis) {
}
