package io.bugbridge.admin;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.bugbridge.feedback.Rating;
import io.bugbridge.sla.SlaStatus;
import io.bugbridge.ticket.Comment;
import io.bugbridge.ticket.HistoryEntry;
import io.bugbridge.ticket.Priority;
import io.bugbridge.ticket.Status;
import io.bugbridge.ticket.SupportCategory;
import io.bugbridge.ticket.Ticket;
import io.bugbridge.ticket.TicketLink;
import io.bugbridge.ticket.TicketType;

/** A ticket with everything staff may see: all fields, internal comments, history, SLA, rating. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record AdminIssueView(String key, TicketType issueType, String summary, String description, Status status,
		Priority priority, String reporterEmail, String reporterName, String customerId, boolean customerReported,
		String assigneeEmail, String environment, String stepsToReproduce, String expectedBehavior,
		String actualBehavior, String businessValue, String useCase, Integer votes, SupportCategory category,
		String source, Instant created, Instant updated, URI url, SlaView sla, RatingView rating,
		List<CommentView> comments, List<HistoryView> history, List<Status> allowedStatuses,
		List<SimilarTicketView> possibleDuplicates, List<LinkView> links, List<AnalysisView> analyses) {

	static AdminIssueView of(Ticket t, URI url, SlaStatus sla, Rating rating, List<Comment> comments,
			List<HistoryEntry> history, List<SimilarTicketView> possibleDuplicates, List<TicketLink> links,
			List<AnalysisView> analyses) {
		return new AdminIssueView(t.key(), t.type(), t.summary(), t.description(), t.status(), t.priority(),
				t.reporterEmail(), t.reporterName(), t.customerId(), t.customerId() != null, t.assigneeEmail(),
				t.environment(), t.stepsToReproduce(), t.expectedBehavior(), t.actualBehavior(), t.businessValue(),
				t.useCase(), t.type() == TicketType.FEATURE ? t.votes() : null, t.category(), t.source(), t.created(),
				t.updated(), url, SlaView.of(sla), rating == null ? null : RatingView.of(rating),
				comments.stream().map(CommentView::of).toList(), history.stream().map(HistoryView::of).toList(),
				t.status().nextStatuses().stream().toList(), possibleDuplicates,
				links.stream().map(LinkView::of).toList(), analyses);
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record CommentView(long id, String author, String authorEmail, String authorType, String body, boolean internal,
			Instant created, Instant updated) {

		static CommentView of(Comment c) {
			return new CommentView(c.id(), c.authorName(), c.authorEmail(), c.authorKind().name().toLowerCase(Locale.ROOT),
					c.body(), c.internal(), c.created(), c.updated());
		}

	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record HistoryView(String actor, String action, String field, String from, String to, Instant at) {

		static HistoryView of(HistoryEntry h) {
			return new HistoryView(h.actor(), h.action(), h.field(), h.oldValue(), h.newValue(), h.occurred());
		}

	}

	record LinkView(String kind, String from, String to, String createdBy, Instant created) {

		static LinkView of(TicketLink link) {
			return new LinkView(link.kind(), link.fromKey(), link.toKey(), link.createdBy(), link.created());
		}

	}

	record RatingView(int score, String comment, String ratedBy, Instant created) {

		static RatingView of(Rating r) {
			return new RatingView(r.score(), r.comment(), r.ratedBy(), r.created());
		}

	}

}
