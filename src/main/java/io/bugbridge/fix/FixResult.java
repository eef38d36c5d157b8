package io.bugbridge.fix;

import java.util.List;

/**
 * The structured part of a run, stored as JSON: the agent's account of the fix and the service's
 * verification of it.
 */
record FixResult(String summary, String rootCause, String changes, String testing, List<String> changedFiles,
		FixRun.Verification verification) {

	static final FixResult EMPTY = new FixResult(null, null, null, null, List.of(), null);

	FixResult {
		changedFiles = changedFiles == null ? List.of() : List.copyOf(changedFiles);
	}

}
