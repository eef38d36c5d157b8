package io.bugbridge.portal;

import java.time.Instant;
import java.util.Locale;
import java.util.function.Function;

import io.bugbridge.ticket.Comment;

/**
 * A public comment as a customer sees it.
 *
 * @param authorType {@code customer}, {@code staff} or {@code system}
 */
record CommentView(long id, String author, String authorType, String body, Instant created, Instant updated) {

	/** {@code authorName}: staff as the customer may see them (see {@code PublicAuthors}). */
	static CommentView of(Comment comment, Function<Comment, String> authorName) {
		return new CommentView(comment.id(), authorName.apply(comment),
				comment.authorKind().name().toLowerCase(Locale.ROOT), comment.body(), comment.created(),
				comment.updated());
	}

}
