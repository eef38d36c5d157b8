package io.bugbridge.portal;

import com.fasterxml.jackson.annotation.JsonAlias;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** {@code POST /api/jira/ticket/{key}/rating}: 1 (very unhappy) to 5 (very happy), optional words. */
record RatingRequest(@NotNull @Min(1) @Max(5) @JsonAlias("rating") Integer score,
		@Size(max = 4000) @JsonAlias("feedback") String comment) {
}
