package io.bugbridge.admin;

import jakarta.validation.constraints.NotBlank;

/** {@code POST /api/jira/admin/issues/{key}/merge}: the ticket {@code key} duplicates. */
record MergeRequest(@NotBlank String into) {
}
