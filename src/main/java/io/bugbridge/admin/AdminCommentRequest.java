package io.bugbridge.admin;

import com.fasterxml.jackson.annotation.JsonAlias;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /api/jira/admin/issues/{key}/comment}.
 *
 * @param internal staff-only when true; when left out the comment is internal, so that nothing
 * reaches a customer by accident
 */
record AdminCommentRequest(@NotBlank @Size(max = 32 * 1024) @JsonAlias("body") String comment, Boolean internal) {

	boolean isInternal() {
		return internal == null || internal;
	}

}
