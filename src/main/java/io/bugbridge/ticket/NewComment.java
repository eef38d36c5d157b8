package io.bugbridge.ticket;

import java.util.Objects;

/** A comment about to be added. */
public record NewComment(String body, boolean internal) {

	public NewComment {
		Objects.requireNonNull(body, "body");
	}

	public static NewComment publicComment(String body) {
		return new NewComment(body, false);
	}

}
