package io.bugbridge.portal;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.bugbridge.feedback.Rating;

@JsonInclude(JsonInclude.Include.NON_NULL)
record RatingView(int score, String comment, Instant created) {

	static RatingView of(Rating rating) {
		return new RatingView(rating.score(), rating.comment(), rating.created());
	}

}
