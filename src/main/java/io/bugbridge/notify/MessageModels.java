package io.bugbridge.notify;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

import io.bugbridge.ticket.Comment;
import io.bugbridge.ticket.PublicAuthors;
import io.bugbridge.ticket.Status;
import io.bugbridge.ticket.Ticket;
import org.springframework.stereotype.Component;

/**
 * The values each message's templates show, taken when the event happens. Customer messages are
 * built only from what the customer may see: public comments and the ticket's own fields.
 */
@Component
class MessageModels {

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
		.withZone(ZoneOffset.UTC);

	/** E-mails carry an excerpt; the whole text is a click away. */
	private static final int EXCERPT = 2000;

	private static final int SLACK_REPORT_EXCERPT = 3000;

	private final Links links;

	private final PublicAuthors authors;

	MessageModels(Links links, PublicAuthors authors) {
		this.links = links;
		this.authors = authors;
	}

	Map<String, String> customerComment(Ticket ticket, Comment comment) {
		Map<String, String> model = customerTicket(ticket);
		model.put("author", authors.nameOf(comment));
		model.put("comment", excerpt(comment.body(), 32_768));
		return model;
	}

	/** A status change; {@code reply} is the latest public staff reply, if any, for context. */
	Map<String, String> customerStatus(Ticket ticket, String from, Status to, Comment reply) {
		Map<String, String> model = customerTicket(ticket);
		model.put("from", from);
		model.put("to", to.label());
		if (reply != null) {
			model.put("reply", excerpt(reply.body(), EXCERPT));
			model.put("replyAuthor", authors.nameOf(reply));
		}
		if (to.isDone()) {
			model.put("rateUrl", links.rating(ticket.key()));
		}
		return model;
	}

	Map<String, String> newTicket(Ticket ticket) {
		Map<String, String> model = adminTicket(ticket);
		model.put("type", ticket.type().label());
		model.put("reporter", ticket.reporterEmail());
		model.put("customer", ticket.customerId());
		model.put("description", excerpt(ticket.description(), EXCERPT));
		return model;
	}

	Map<String, String> slaBreach(Ticket ticket, String target, Instant due, Instant now) {
		Map<String, String> model = adminTicket(ticket);
		model.put("target", target);
		model.put("due", WHEN.format(due));
		model.put("overdue", duration(Duration.between(due, now)));
		return model;
	}

	/**
	 * A finished automatic analysis, for admins only: it names internal findings (files, reasons),
	 * which never go to a customer.
	 */
	Map<String, String> analysis(Ticket ticket, io.bugbridge.analysis.BugAnalysis analysis) {
		Map<String, String> model = adminTicket(ticket);
		var details = analysis.details();
		boolean claude = "claude".equalsIgnoreCase(analysis.engine());
		model.put("engine", claude ? "Claude " + details.model()
				: analysis.engine() == null ? "offline index" : analysis.engine());
		model.put("outcome", analysis.state() == io.bugbridge.analysis.BugAnalysis.State.DONE ? "done"
				: "failed: " + excerpt(analysis.error() == null ? "no reason given" : analysis.error(), 500));
		model.put("risk", analysis.riskLevel());
		model.put("effort", analysis.estimatedEffort());
		var files = analysis.suggestedFiles() == null ? java.util.List.<io.bugbridge.analysis.BugAnalysis.SuggestedFile>of()
				: analysis.suggestedFiles();
		for (int i = 0; i < Math.min(3, files.size()); i++) {
			var file = files.get(i);
			String lines = file.lineStart() == null ? ""
					: ":" + file.lineStart() + (file.lineEnd() == null || file.lineEnd().equals(file.lineStart()) ? ""
							: "-" + file.lineEnd());
			String why = file.evidence() == null || file.evidence().isEmpty() ? null : file.evidence().get(0);
			model.put("file" + (i + 1), file.path() + lines + (why == null ? "" : " – " + excerpt(why, 300)));
		}
		model.put("analysisUrl", links.adminAnalysis(ticket.key()));
		return model;
	}

	Map<String, String> weeklyReport(String subject, String markdown, String html) {
		Map<String, String> model = new LinkedHashMap<>();
		model.put("subject", subject);
		model.put("markdown", markdown);
		model.put("html", html);
		model.put("excerpt", excerpt(markdown, SLACK_REPORT_EXCERPT));
		return model;
	}

	private Map<String, String> customerTicket(Ticket ticket) {
		Map<String, String> model = ticketBasics(ticket);
		model.put("name", ticket.reporterName());
		model.put("ticketUrl", links.customerTicket(ticket.key()));
		return model;
	}

	private Map<String, String> adminTicket(Ticket ticket) {
		Map<String, String> model = ticketBasics(ticket);
		model.put("priority", ticket.priority().label());
		model.put("ticketUrl", links.adminTicket(ticket.key()));
		return model;
	}

	private static Map<String, String> ticketBasics(Ticket ticket) {
		Map<String, String> model = new LinkedHashMap<>();
		model.put("key", ticket.key());
		model.put("summary", ticket.summary());
		model.put("status", ticket.status().label());
		return model;
	}

	static String excerpt(String text, int max) {
		if (text == null || text.isBlank()) {
			return null;
		}
		return NotificationLog.abbreviate(text.strip(), max);
	}

	/** "3 d 4 h", "2 h 5 min", "12 min": precise enough to judge how late. */
	static String duration(Duration duration) {
		if (duration.isNegative()) {
			return "0 min";
		}
		long days = duration.toDays();
		long hours = duration.toHoursPart();
		long minutes = duration.toMinutesPart();
		if (days > 0) {
			return days + " d " + hours + " h";
		}
		return hours > 0 ? hours + " h " + minutes + " min" : minutes + " min";
	}

}
