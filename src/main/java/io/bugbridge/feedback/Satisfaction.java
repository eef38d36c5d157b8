package io.bugbridge.feedback;

/**
 * CSAT over a set of ratings.
 *
 * @param score share of satisfied ratings (4–5), or null when there are none
 */
public record Satisfaction(long ratings, long satisfied, Double score) {

	static Satisfaction of(long ratings, long satisfied) {
		return new Satisfaction(ratings, satisfied, ratings == 0 ? null : (double) satisfied / ratings);
	}

}
