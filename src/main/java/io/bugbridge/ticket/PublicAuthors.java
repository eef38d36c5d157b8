package io.bugbridge.ticket;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How a comment's author is shown to customers: customers under their own name, staff under one
 * shared name ({@code bugbridge.support.staff-display-name}, default "Support team") so that staff
 * e-mail addresses never reach a customer, in the API, on the pages or in e-mails. Staff views keep
 * the real author.
 */
@Component
public class PublicAuthors {

	public static final String DEFAULT_STAFF_NAME = "Support team";

	private final String staffName;

	public PublicAuthors(@Value("${bugbridge.support.staff-display-name:" + DEFAULT_STAFF_NAME + "}") String staffName) {
		this.staffName = staffName == null || staffName.isBlank() ? DEFAULT_STAFF_NAME : staffName.trim();
	}

	/** The author as a customer may see it. */
	public String nameOf(Comment comment) {
		return comment.authorKind() == Actor.Kind.STAFF ? staffName : comment.authorName();
	}

	/** The same comment with its author as a customer may see it: no staff e-mail, no staff name. */
	public Comment forCustomer(Comment comment) {
		if (comment.authorKind() != Actor.Kind.STAFF) {
			return comment;
		}
		return new Comment(comment.id(), comment.ticketId(), null, staffName, comment.authorKind(), comment.body(),
				comment.internal(), comment.created(), comment.updated());
	}

	public String staffName() {
		return staffName;
	}

}
