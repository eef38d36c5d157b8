package io.bugbridge.notify;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every message renders, and what users typed cannot turn into markup. */
class TemplatesTests {

	final Templates templates = new Templates();

	static Map<String, String> model(String... pairs) {
		Map<String, String> model = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			model.put(pairs[i], pairs[i + 1]);
		}
		return model;
	}

	@Test
	void aReplyEscapesUserTextInHtmlAndKeepsItVerbatimInText() {
		RenderedEmail email = templates.email(Kind.CUSTOMER_COMMENT,
				model("key", "AURA-7", "summary", "Export <b>fails</b>", "name", null, "author", "Agent & Co",
						"comment", "Try <script>alert(1)</script>\nthen reload", "ticketUrl",
						"https://portal.example/tickets/AURA-7"));

		assertThat(email.subject()).isEqualTo("[AURA-7] New reply: Export <b>fails</b>");
		assertThat(email.text()).startsWith("Hello,\n")
			.contains("Agent & Co replied on your ticket AURA-7 \"Export <b>fails</b>\":")
			.contains("Try <script>alert(1)</script>\nthen reload")
			.contains("https://portal.example/tickets/AURA-7");
		assertThat(email.html()).doesNotContain("<script>")
			.doesNotContain("<b>fails")
			.contains("Try &lt;script&gt;alert(1)&lt;/script&gt;")
			.contains("Agent &amp; Co")
			.contains("href=\"https://portal.example/tickets/AURA-7\"");
	}

	@Test
	void aSubjectIsOneLine() {
		RenderedEmail email = templates.email(Kind.CUSTOMER_STATUS, model("key", "AURA-1", "summary",
				"Broken\r\nBcc: victim@example.com", "from", "Open", "to", "In Progress", "ticketUrl", "https://p/t"));

		assertThat(email.subject()).isEqualTo("[AURA-1] Now In Progress: Broken Bcc: victim@example.com");
	}

	@Test
	void aResolutionCarriesTheRatingLink() {
		RenderedEmail email = templates.email(Kind.CUSTOMER_RESOLVED,
				model("key", "AURA-2", "summary", "Slow", "name", "Alice", "from", "In Progress", "to", "Resolved",
						"reply", "Fixed in 2.3", "replyAuthor", "Agent", "ticketUrl", "https://p/tickets/AURA-2",
						"rateUrl", "https://p/tickets/AURA-2?rate=1"));

		assertThat(email.subject()).isEqualTo("[AURA-2] Resolved: Slow");
		assertThat(email.text()).startsWith("Hello Alice,")
			.contains("Latest reply from Agent:\n\nFixed in 2.3")
			.contains("https://p/tickets/AURA-2?rate=1");
		assertThat(email.html()).contains("href=\"https://p/tickets/AURA-2?rate=1\"");
	}

	@Test
	void slackTextCannotInjectLinksOrMentions() {
		String text = templates.slack(Kind.ADMIN_NEW_TICKET,
				model("key", "AURA-3", "summary", "<!channel> see <https://evil.example|here> & there", "status",
						"Open", "priority", "Critical", "type", "Bug", "reporter", "a@b.example", "customer", "acme",
						"ticketUrl", "https://p/tickets/AURA-3"));

		assertThat(text).isEqualTo(":rotating_light: *New Critical bug* <https://p/tickets/AURA-3|AURA-3>:"
				+ " &lt;!channel&gt; see &lt;https://evil.example|here&gt; &amp; there\n"
				+ "Reporter: a@b.example (customer acme)");
	}

	@Test
	void everyAdminMessageRenders() {
		Map<String, String> ticket = model("key", "AURA-4", "summary", "Down", "status", "Open", "priority", "High",
				"type", "Support", "reporter", "a@b.example", "customer", null, "description", null, "ticketUrl",
				"https://p/tickets/AURA-4", "target", "first response", "due", "2025-01-01 10:00 UTC", "overdue",
				"2 h 5 min");
		Map<String, String> report = model("subject", "Weekly report", "markdown", "# Week\n* 3 new", "html",
				"<h1>Week</h1>", "excerpt", "# Week\n* 3 new");

		assertThat(templates.email(Kind.ADMIN_NEW_TICKET, ticket).subject()).isEqualTo("[AURA-4] New High support: Down");
		assertThat(templates.email(Kind.ADMIN_NEW_TICKET, ticket).text()).doesNotContain("customer");
		assertThat(templates.email(Kind.ADMIN_SLA_BREACH, ticket).text())
			.startsWith("AURA-4 \"Down\" (High, Open) missed its first response target.")
			.contains("Due: 2025-01-01 10:00 UTC (2 h 5 min ago)");
		assertThat(templates.slack(Kind.ADMIN_SLA_BREACH, ticket)).startsWith(":alarm_clock: *SLA breached: first response*");
		RenderedEmail weekly = templates.email(Kind.ADMIN_WEEKLY_REPORT, report);
		assertThat(weekly.subject()).isEqualTo("Weekly report");
		assertThat(weekly.text()).isEqualTo("# Week\n* 3 new\n");
		assertThat(weekly.html()).contains("<h1>Week</h1>");
		assertThat(templates.slack(Kind.ADMIN_WEEKLY_REPORT, report)).isEqualTo("*Weekly report*\n# Week\n* 3 new");
	}

}
