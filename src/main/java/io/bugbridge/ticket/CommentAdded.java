package io.bugbridge.ticket;

/** Published once a comment is committed. */
public record CommentAdded(Ticket ticket, Comment comment, Origin origin) {
}
