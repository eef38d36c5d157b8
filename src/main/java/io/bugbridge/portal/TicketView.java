package io.bugbridge.portal;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.bugbridge.ticket.Comment;
import io.bugbridge.ticket.Priority;
import io.bugbridge.ticket.Status;
import io.bugbridge.ticket.SupportCategory;
import io.bugbridge.ticket.Ticket;
import io.bugbridge.ticket.TicketType;

/**
 * A ticket as its customer sees it: every field they filed, the status, and public comments only.
 * Staff-side fields (assignee, internal comments) are left out. Fields that do not apply to the
 * ticket's type are omitted.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record TicketView(String key, TicketType issueType, String summary, String description, Status status,
		Priority priority, String reporterEmail, String customerId, String environment, String stepsToReproduce,
		String expectedBehavior, String actualBehavior, String businessValue, String useCase, Integer votes,
		SupportCategory category, Instant created, Instant updated, URI url, List<CommentView> comments,
		RatingView rating, Boolean voted) {

	static TicketView of(Ticket t, URI url, List<Comment> publicComments, RatingView rating, Boolean voted,
			Function<Comment, String> authorName) {
		return new TicketView(t.key(), t.type(), t.summary(), t.description(), t.status(), t.priority(),
				t.reporterEmail(), t.customerId(), t.environment(), t.stepsToReproduce(), t.expectedBehavior(),
				t.actualBehavior(), t.businessValue(), t.useCase(),
				t.type() == TicketType.FEATURE ? t.votes() : null, t.category(), t.created(), t.updated(), url,
				publicComments.stream().filter(c -> !c.internal()).map(c -> CommentView.of(c, authorName)).toList(), rating,
				t.type() == TicketType.FEATURE ? voted : null);
	}

}
