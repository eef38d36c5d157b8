package io.bugbridge.feedback;

import java.time.Instant;

/** A customer's satisfaction rating of a resolved ticket: 1 (bad) to 5 (great). */
public record Rating(long ticketId, int score, String comment, String ratedBy, Instant created) {

	/** Customer satisfaction counts 4 and 5 as satisfied. */
	public boolean satisfied() {
		return score >= 4;
	}

}
