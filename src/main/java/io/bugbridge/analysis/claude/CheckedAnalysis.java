package io.bugbridge.analysis.claude;

import java.util.List;

/**
 * Claude's analysis after the service checked it against the commit.
 *
 * @param rootCauseLocation where the root cause is, when the model named a real place
 * @param files files to examine that exist at the commit, best first
 * @param dropped cited paths that do not exist (or line ranges outside their file), removed
 */
public record CheckedAnalysis(String understanding, String rootCause, CitedFile rootCauseLocation,
		List<CitedFile> files, List<String> fixSteps, List<String> sideEffects, String effort, String risk,
		String confidence, List<String> dropped) {

	/** A file with the reason to look at it and, when given and valid, the lines. */
	public record CitedFile(String path, String reason, Integer lineStart, Integer lineEnd) {

		public String location() {
			return lineStart == null ? path
					: path + ":" + lineStart + (lineEnd != null && !lineEnd.equals(lineStart) ? "-" + lineEnd : "");
		}

	}

}
