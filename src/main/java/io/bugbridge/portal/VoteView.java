package io.bugbridge.portal;

import io.bugbridge.feedback.VoteResult;

record VoteView(String key, int votes, boolean voted) {

	static VoteView of(VoteResult result) {
		return new VoteView(result.key(), result.votes(), result.voted());
	}

}
