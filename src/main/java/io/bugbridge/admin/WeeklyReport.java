package io.bugbridge.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.bugbridge.feedback.FeedbackService;
import io.bugbridge.feedback.Satisfaction;
import io.bugbridge.sla.SlaMetrics;
import io.bugbridge.sla.SlaService;
import io.bugbridge.ticket.Priority;
import io.bugbridge.ticket.Ticket;
import io.bugbridge.ticket.TicketCount;
import io.bugbridge.ticket.TicketService;
import io.bugbridge.ticket.TicketStatistics;
import io.bugbridge.ticket.TicketType;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * The weekly report: what came in, what was resolved, SLA performance, satisfaction, the busiest
 * customers and the oldest open tickets. Written as Markdown from a template file and rendered to
 * HTML for e-mail; every report is kept in the {@code report} table.
 */
@Component
class WeeklyReport {

	private static final List<org.commonmark.Extension> EXTENSIONS = List.of(TablesExtension.create());

	private final TicketStatistics statistics;

	private final TicketService tickets;

	private final SlaService sla;

	private final FeedbackService feedback;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final TemplateEngine templates = markdownTemplates();

	private final Parser markdown = Parser.builder().extensions(EXTENSIONS).build();

	private final HtmlRenderer html = HtmlRenderer.builder()
		.extensions(EXTENSIONS)
		// Ticket summaries are customer text: no raw HTML, no javascript: links.
		.escapeHtml(true)
		.sanitizeUrls(true)
		.build();

	WeeklyReport(TicketStatistics statistics, TicketService tickets, SlaService sla, FeedbackService feedback,
			JdbcClient jdbc, Clock clock) {
		this.statistics = statistics;
		this.tickets = tickets;
		this.sla = sla;
		this.feedback = feedback;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	Report generate() {
		Instant to = clock.instant();
		Instant from = to.minus(Duration.ofDays(7));
		Map<TicketType, Long> created = statistics.createdByType(from, to);
		SlaMetrics slaMetrics = sla.metrics(from, to);
		Satisfaction csat = feedback.satisfaction(from, to);
		long open = 0;
		long openUrgent = 0;
		for (TicketCount count : tickets.counts()) {
			if (!count.status().isDone()) {
				open += count.tickets();
				if (count.priority() == Priority.HIGH || count.priority() == Priority.CRITICAL) {
					openUrgent += count.tickets();
				}
			}
		}
		Context model = new Context(Locale.ENGLISH);
		model.setVariable("from", from.atOffset(ZoneOffset.UTC).toLocalDate());
		model.setVariable("to", to.atOffset(ZoneOffset.UTC).toLocalDate());
		model.setVariable("created", created.values().stream().mapToLong(Long::longValue).sum());
		model.setVariable("createdBugs", created.getOrDefault(TicketType.BUG, 0L));
		model.setVariable("createdFeatures", created.getOrDefault(TicketType.FEATURE, 0L));
		model.setVariable("createdSupport", created.getOrDefault(TicketType.SUPPORT, 0L));
		model.setVariable("resolved", slaMetrics.resolutionMeasured());
		model.setVariable("open", open);
		model.setVariable("openUrgent", openUrgent);
		model.setVariable("firstResponseMet", percent(slaMetrics.firstResponseMetRate()));
		model.setVariable("resolutionMet", percent(slaMetrics.resolutionMetRate()));
		model.setVariable("firstResponseBreaches", slaMetrics.firstResponseBreached());
		model.setVariable("resolutionBreaches", slaMetrics.resolutionBreached());
		model.setVariable("breachedOpen", slaMetrics.breachedOpen());
		model.setVariable("medianFirstResponse", hours(slaMetrics.medianFirstResponse()));
		model.setVariable("medianResolution", hours(slaMetrics.medianResolution()));
		model.setVariable("csat", percent(csat.score()));
		model.setVariable("ratings", csat.ratings());
		model.setVariable("topCustomers", statistics.topCustomers(from, to, 5));
		model.setVariable("oldest", statistics.oldestOpen(10).stream().map(t -> OldTicket.of(t, to)).toList());
		String text = templates.process("weekly-report", model);
		String rendered = html.render(markdown.parse(text));
		long id = save(from, to, text, rendered);
		return new Report(id, from, to, text, rendered);
	}

	private long save(Instant from, Instant to, String text, String rendered) {
		var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
		jdbc.sql("INSERT INTO report (kind, period_start, period_end, markdown, html, created_at)"
				+ " VALUES ('weekly', :from, :to, :markdown, :html, :now)")
			.param("from", from.atOffset(ZoneOffset.UTC))
			.param("to", to.atOffset(ZoneOffset.UTC))
			.param("markdown", text)
			.param("html", rendered)
			.param("now", to.atOffset(ZoneOffset.UTC))
			.update(keys, "id");
		return keys.getKeyAs(Number.class).longValue();
	}

	private static String percent(Double rate) {
		return rate == null ? "n/a" : Math.round(rate * 1000) / 10.0 + "%";
	}

	private static String hours(Duration duration) {
		return duration == null ? "n/a" : Math.round(duration.toMinutes() / 6.0) / 10.0 + " h";
	}

	private static TemplateEngine markdownTemplates() {
		ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
		resolver.setPrefix("templates/reports/");
		resolver.setSuffix(".md");
		resolver.setTemplateMode(TemplateMode.TEXT);
		resolver.setCharacterEncoding("UTF-8");
		// The Spring flavour evaluates expressions with SpEL (plain Thymeleaf would need OGNL).
		TemplateEngine engine = new org.thymeleaf.spring6.SpringTemplateEngine();
		engine.setTemplateResolver(resolver);
		return engine;
	}

	/** A generated report. */
	record Report(long id, Instant periodStart, Instant periodEnd, String markdown, String html) {
	}

	/** A row of the oldest-open table; text is made safe for a Markdown table cell. */
	record OldTicket(String key, String summary, String status, String priority, long ageDays) {

		static OldTicket of(Ticket t, Instant now) {
			return new OldTicket(t.key(), cell(t.summary()), t.status().label(), t.priority().label(),
					Duration.between(t.created(), now).toDays());
		}

		private static String cell(String text) {
			String flat = text.replace('\n', ' ').replace("|", "\\|");
			return flat.length() > 80 ? flat.substring(0, 77) + "..." : flat;
		}

	}

}
