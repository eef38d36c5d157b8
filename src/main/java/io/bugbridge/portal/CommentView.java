package io.bugbridge.portal;

import java.time.Instant;
import java.util.Locale;

import io.bugbridge.ticket.Comment;

/**
 * A public comment as a customer sees it.
 *
 * @param authorType {@code customer}, {@code staff} or {@code system}
 */
record CommentView(long id, String author, String authorType, String body, Instant created, Instant updated) {

	static CommentView of(Comment comment) {
		return new CommentView(comment.id(), comment.authorName(),
				comment.authorKind().name().toLowerCase(Locale.ROOT), comment.body(), comment.created(),
				comment.updated());
	}

}
