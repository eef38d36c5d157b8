/**
 * Bug analysis: ranks the files of a repository that most likely hold a reported bug, from the
 * report's text, stack traces and the repository's history, and writes up root cause hypotheses and
 * a fix approach.
 * <p>
 * API: {@link io.bugbridge.analysis.BugAnalysisService} for the service (queued analyses kept with
 * tickets); the localization library underneath, usable without Spring:
 * {@link io.bugbridge.analysis.CodeLocalizer} (one per repository, holds its index),
 * {@link io.bugbridge.analysis.IndexedCommit#rank}, {@link io.bugbridge.analysis.StackTraces},
 * {@link io.bugbridge.analysis.Mentions}. Subpackages are internal.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Bug analysis")
package io.bugbridge.analysis;
