/**
 * Bug localization without an LLM: given a repository at a commit and a bug report, ranks the files
 * to examine and says why. Plain Java (Lucene, JGit); usable without Spring.
 * <p>
 * API: {@link io.bugbridge.analysis.CodeLocalizer} (one per repository, holds its index),
 * {@link io.bugbridge.analysis.IndexedCommit#rank}, {@link io.bugbridge.analysis.StackTraces},
 * {@link io.bugbridge.analysis.Mentions}. Subpackages are internal.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Bug analysis")
package io.bugbridge.analysis;
