/**
 * Bug analysis: ranks the files of a configured repository that most likely hold a reported bug,
 * from the report's text, stack traces and the repository's history, and writes up root cause
 * hypotheses and a fix approach. {@link io.bugbridge.analysis.BugAnalysisService} is the API.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Analysis")
package io.bugbridge.analysis;
