package io.bugbridge.portal;

import com.fasterxml.jackson.annotation.JsonAlias;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code POST /api/jira/ticket/{key}/comment}: a customer's reply. */
record CommentRequest(@NotBlank @Size(max = Limits.LONG_TEXT) @JsonAlias("body") String comment) {
}
