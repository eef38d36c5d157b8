package io.bugbridge.admin;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /api/jira/admin/analyze-bug}, as in the brief.
 *
 * @param codebasePath a configured repository, by name or path; default: the first configured
 * @param autoFix generate a fix (needs the AI agent)
 * @param createPr open a pull request with the fix (needs the AI agent)
 */
record AnalyzeBugRequest(@NotBlank @Size(max = 64) String issueKey, @Size(max = 1024) String codebasePath,
		Boolean autoFix, Boolean createPr) {

	boolean wantsFix() {
		return Boolean.TRUE.equals(autoFix) || Boolean.TRUE.equals(createPr);
	}

	/** The field to blame when a fix is asked for but unavailable. */
	String fixField() {
		return Boolean.TRUE.equals(autoFix) ? "auto_fix" : "create_pr";
	}

}
