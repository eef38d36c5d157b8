package io.bugbridge.analysis;

/** An analysis finished (done or failed); published after it is stored. */
public record AnalysisFinished(BugAnalysis analysis) {
}
