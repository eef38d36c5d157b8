package io.bugbridge.ui;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.bugbridge.search.TicketSearch;
import io.bugbridge.support.ApiClient;
import io.bugbridge.support.ApiTest;
import io.bugbridge.support.OnH2;
import io.bugbridge.support.TestAccounts;
import io.bugbridge.support.TestImages;
import io.bugbridge.support.WebSession;
import io.bugbridge.support.WebSession.Page;
import io.bugbridge.ticket.Actor;
import io.bugbridge.ticket.NewTicket;
import io.bugbridge.ticket.Origin;
import io.bugbridge.ticket.Priority;
import io.bugbridge.ticket.Status;
import io.bugbridge.ticket.Ticket;
import io.bugbridge.ticket.TicketQuery;
import io.bugbridge.ticket.TicketService;
import io.bugbridge.ticket.TicketType;
import io.bugbridge.ticket.TicketUpdate;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server side of the browser pages over real HTTP, without a browser: sign-in, CSRF, security
 * headers, escaping, upload checks and who may see what. The browser tests
 * ({@code *BrowserTests}) cover what needs a real browser.
 */
@ApiTest
@OnH2
class BrowserPagesTests {

	static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob:;"
			+ " font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self';"
			+ " frame-ancestors 'none'";

	@LocalServerPort
	int port;

	@Autowired
	TicketService tickets;

	@Autowired
	TicketSearch search;

	final Actor staff = new Actor(TestAccounts.ADMIN, TestAccounts.ADMIN, "Ada Admin", Actor.Kind.STAFF);

	Ticket fileFor(String email, String customer, TicketType type, String summary) {
		return tickets.create(new NewTicket(type, summary, "Details of " + summary, Priority.MEDIUM, email, null,
				customer, null, null, null, null, null, null, null), new Actor(email, email, null, Actor.Kind.CUSTOMER));
	}

	static String unique(String text) {
		return text + " " + UUID.randomUUID().toString().substring(0, 8);
	}

	@Test
	void signingInWithTheFormStartsASessionAndWrongPasswordsSaySo() {
		WebSession browser = new WebSession(port);
		Page login = browser.get("/login");
		assertThat(login.status()).isEqualTo(200);
		Document page = login.html();
		assertThat(page.select("label[for=email]").text()).isEqualTo("E-mail address");
		assertThat(page.select("form[action=/login] input[name=_csrf]")).hasSize(1);

		Page wrong = browser.postForm("/login", Map.of("email", TestAccounts.ALICE, "password", "not-it"));
		assertThat(wrong.status()).isEqualTo(302);
		assertThat(wrong.location()).endsWith("/login?error");
		assertThat(browser.get("/login?error").html().select("[role=alert]").text())
			.isEqualTo("Wrong e-mail address or password.");

		Page right = browser.signIn(TestAccounts.ALICE, TestAccounts.PASSWORD);
		assertThat(right.status()).isEqualTo(302);
		assertThat(browser.get("/support").status()).isEqualTo(200);

		browser.get("/support");
		assertThat(browser.postForm("/logout", Map.of()).location()).endsWith("/login?signedOut");
		assertThat(browser.get("/support").location()).endsWith("/login");
	}

	@Test
	void pagesNeedASessionAndTheApiKeepsItsBearerTokens() {
		WebSession anonymous = new WebSession(port);
		assertThat(anonymous.get("/support").location()).endsWith("/login");
		Page fragment = anonymous.get("/admin/stats", Map.of("HX-Request", "true"));
		assertThat(fragment.status()).as("htmx gets 401 and where to go, not a sign-in page").isEqualTo(401);
		assertThat(fragment.header("HX-Redirect")).isEqualTo("/login");
		// Suggestions asked while typing a new ticket: back to the form marked expired, whose sign-in
		// returns to it with the draft; only the path of the page's address is ever used.
		Page typing = anonymous.get("/support/suggestions?summary=export",
				Map.of("HX-Request", "true", "HX-Current-URL", "https://elsewhere.example/support/new/bug"));
		assertThat(typing.status()).isEqualTo(401);
		assertThat(typing.header("HX-Redirect")).isEqualTo("/support/new/bug?expired");
		assertThat(anonymous.get("/admin/stats", Map.of("HX-Request", "true", "HX-Current-URL", "http://localhost/admin"))
			.header("HX-Redirect")).isEqualTo("/login");
		assertThat(anonymous.get("/admin/stats", Map.of("HX-Request", "true", "HX-Current-URL", "::not a url"))
			.header("HX-Redirect")).isEqualTo("/login");

		WebSession alice = WebSession.signedIn(port, TestAccounts.ALICE);
		Page api = alice.get("/api/jira/my-tickets");
		assertThat(api.status()).as("a session cookie never authenticates the API").isEqualTo(401);
		assertThat(api.contentType()).startsWith("application/problem+json");

		ApiClient client = new ApiClient(port);
		String token = ApiClient.customerToken(TestAccounts.ALICE, TestAccounts.ACME);
		assertThat(client.get("/api/jira/my-tickets", token).status()).isEqualTo(200);
		assertThat(client.get("/support", token).status()).as("a bearer token does not open the pages")
			.isEqualTo(302);
	}

	@Test
	void formsWithoutTheSessionsCsrfTokenAreRefused() {
		Ticket ticket = fileFor(TestAccounts.ALICE, TestAccounts.ACME, TicketType.SUPPORT, unique("CSRF check"));
		WebSession alice = WebSession.signedIn(port, TestAccounts.ALICE);
		alice.get("/tickets/" + ticket.key());

		Page forged = alice.postFormWithoutToken("/tickets/" + ticket.key() + "/comments", Map.of("comment", "forged"));
		Page wrongToken = alice.postFormWithoutToken("/tickets/" + ticket.key() + "/comments",
				Map.of("comment", "forged", "_csrf", "not-the-token"));

		assertThat(forged.status()).isEqualTo(403);
		assertThat(forged.html().select("h1").text()).isEqualTo("This form has expired");
		assertThat(wrongToken.status()).isEqualTo(403);
		assertThat(tickets.comments(ticket, true)).isEmpty();

		Page real = alice.postForm("/tickets/" + ticket.key() + "/comments", Map.of("comment", "A real reply"));
		assertThat(real.status()).isEqualTo(302);
		assertThat(tickets.comments(ticket, true)).extracting(c -> c.body()).containsExactly("A real reply");
	}

	@Test
	void everyPageSendsTheSecurityHeadersAndHasNoInlineScriptOrStyle() {
		Ticket ticket = fileFor(TestAccounts.ALICE, TestAccounts.ACME, TicketType.BUG, unique("Header check"));
		WebSession alice = WebSession.signedIn(port, TestAccounts.ALICE);
		WebSession admin = WebSession.signedIn(port, TestAccounts.ADMIN);
		search.awaitCurrent();
		List<Page> pages = List.of(new WebSession(port).get("/login"), alice.get("/support"),
				alice.get("/support/new/bug"), alice.get("/support/new/feature"), alice.get("/support/new/support"),
				alice.get("/tickets"), alice.get("/tickets/" + ticket.key()), alice.get("/admin"),
				admin.get("/admin"), admin.get("/admin/tickets/" + ticket.key()),
				admin.get("/admin/tickets/" + ticket.key() + "/analysis"),
				admin.htmxGet("/admin/tickets/" + ticket.key()), alice.get("/tickets/NOPE-1"));
		for (Page page : pages) {
			assertThat(page.header("Content-Security-Policy")).as(page.toString()).isEqualTo(CSP);
			assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
			assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
			assertThat(page.header("Referrer-Policy")).isEqualTo("same-origin");
			assertThat(page.header("Cache-Control")).contains("no-store");
			Document html = page.html();
			for (Element script : html.select("script")) {
				assertThat(script.hasAttr("src")).as("inline script in " + page).isTrue();
				assertThat(script.data()).isBlank();
			}
			assertThat(html.select("style")).as("inline style element").isEmpty();
			for (Element element : html.getAllElements()) {
				for (Attribute attribute : element.attributes()) {
					assertThat(attribute.getKey()).as("inline handler or style on " + element.tagName())
						.doesNotStartWith("on")
						.isNotEqualTo("style");
				}
			}
			for (Element form : html.select("form[method=post]")) {
				assertThat(form.select("input[name=_csrf]")).as("CSRF field in " + form.attr("action")).hasSize(1);
			}
			for (Element input : html.select("input:not([type=hidden]):not([type=submit]), select, textarea")) {
				boolean labelled = !html.select("label[for=" + input.id() + "]").isEmpty() || input.parent() != null
						&& input.parent().tagName().equals("label") || input.hasAttr("aria-label");
				assertThat(labelled).as("label for " + input).isTrue();
			}
		}
		assertThat(pages.get(7).status()).as("customers may not open the dashboard").isEqualTo(403);
		assertThat(pages.get(12).status()).isEqualTo(404);

		Page overHttps = new WebSession(port).get("/login", Map.of("X-Forwarded-Proto", "https"));
		assertThat(overHttps.header("Strict-Transport-Security")).as("HSTS once behind TLS")
			.startsWith("max-age=31536000");
		assertThat(new WebSession(port).get("/login").header("Strict-Transport-Security")).isNull();
	}

	@Test
	void unknownAddressesGetAPageInTheBrowserAndAProblemDocumentOnTheApi() {
		WebSession alice = WebSession.signedIn(port, TestAccounts.ALICE);
		Page page = alice.get("/no-such-page");
		assertThat(page.status()).isEqualTo(404);
		assertThat(page.contentType()).startsWith("text/html");
		assertThat(page.html().select("h1").text()).isEqualTo("Page not found");

		ApiClient.Response api = new ApiClient(port).get("/api/jira/no-such-endpoint",
				ApiClient.customerToken(TestAccounts.ALICE, TestAccounts.ACME));
		assertThat(api.status()).isEqualTo(404);
		assertThat(api.contentType()).startsWith("application/problem+json");
		assertThat(api.json().get("status").asInt()).isEqualTo(404);
	}

	@Test
	void textPeopleTypedIsEscapedEverywhere() {
		String evil = "<script>alert('x')</script><img src=x onerror=alert(1)> " + UUID.randomUUID();
		WebSession alice = WebSession.signedIn(port, TestAccounts.ALICE);
		alice.get("/support/new/bug");
		Page filed = alice.postMultipart("/support/new/bug",
				Map.of("summary", evil, "description", evil, "priority", "High", "stepsToReproduce", evil), Map.of());
		assertThat(filed.status()).as(filed.toString()).isEqualTo(302);
		String key = filed.location().substring(filed.location().lastIndexOf('/') + 1);
		WebSession admin = WebSession.signedIn(port, TestAccounts.ADMIN);
		search.awaitCurrent();

		for (Page page : List.of(alice.get("/tickets/" + key), alice.get("/tickets"), admin.get("/admin"),
				admin.htmxGet("/admin/tickets/" + key), alice.get("/support/filed/" + key))) {
			Document html = page.html();
			assertThat(html.select("img[onerror]")).isEmpty();
			assertThat(html.select("script:not([src])")).isEmpty();
			assertThat(page.body()).doesNotContain("<script>alert").contains("&lt;script&gt;alert");
		}
		assertThat(alice.get("/tickets/" + key).html().select("h1").text()).isEqualTo(evil);
	}

	@Test
	void customersSeeTheirAccountsTicketsButNeverInternalComments() {
		Ticket ticket = fileFor(TestAccounts.ALICE, TestAccounts.ACME, TicketType.BUG, unique("Visibility check"));
		tickets.addAttachment(ticket.key(), new io.bugbridge.ticket.NewAttachment("shot.png", "image/png", TestImages.png()),
				new Actor(TestAccounts.ALICE, TestAccounts.ALICE, null, Actor.Kind.CUSTOMER));
		long attachment = tickets.attachments(ticket).get(0).id();
		WebSession admin = WebSession.signedIn(port, TestAccounts.ADMIN);
		admin.get("/admin/tickets/" + ticket.key());
		Page internal = admin.htmxPost("/admin/tickets/" + ticket.key() + "/comments",
				Map.of("comment", "Internal: the customer's DB is on an old version", "internal", "true"));
		Page reply = admin.htmxPost("/admin/tickets/" + ticket.key() + "/comments",
				Map.of("comment", "We are looking into it."));
		assertThat(internal.html().select("[role=status]").text()).contains("Internal note added");
		assertThat(reply.html().select("[role=status]").text()).contains("Public reply added");

		WebSession alice = WebSession.signedIn(port, TestAccounts.ALICE);
		WebSession carol = WebSession.signedIn(port, TestAccounts.CAROL);
		WebSession bob = WebSession.signedIn(port, TestAccounts.BOB);
		for (WebSession colleague : List.of(alice, carol)) {
			Page page = colleague.get("/tickets/" + ticket.key());
			assertThat(page.status()).isEqualTo(200);
			assertThat(page.body()).contains("We are looking into it.").doesNotContain("old version");
			assertThat(colleague.get("/tickets/" + ticket.key() + "/attachments/" + attachment).status())
				.isEqualTo(200);
		}
		Page manage = admin.get("/admin/tickets/" + ticket.key());
		assertThat(manage.body()).contains("old version").contains("We are looking into it.");
		assertThat(manage.html().select(".comment.internal .internal-badge").text()).isEqualTo("Internal");

		assertThat(bob.get("/tickets/" + ticket.key()).status()).as("other account: not found").isEqualTo(404);
		assertThat(bob.get("/tickets/" + ticket.key() + "/attachments/" + attachment).status()).isEqualTo(404);
		assertThat(bob.get("/support/filed/" + ticket.key()).status()).isEqualTo(404);
		assertThat(bob.postForm("/tickets/" + ticket.key() + "/comments", Map.of("comment", "x")).status())
			.isEqualTo(404);
		search.awaitCurrent();
		assertThat(bob.get("/tickets?q=" + ticket.summary().replace(' ', '+')).body()).doesNotContain(ticket.key());
		assertThat(alice.get("/tickets?q=" + ticket.summary().replace(' ', '+')).body()).contains(ticket.key());
		for (String path : List.of("/admin", "/admin/stats", "/admin/chart", "/admin/tickets/" + ticket.key())) {
			assertThat(alice.get(path).status()).as(path).isEqualTo(403);
		}
		assertThat(alice.postForm("/admin/tickets/" + ticket.key(), Map.of("status", "Closed")).status())
			.isEqualTo(403);
		assertThat(tickets.get(ticket.key()).status()).isEqualTo(Status.OPEN);
	}

	@Test
	void screenshotsAreAcceptedByWhatTheirBytesAreNotByTheirName() {
		WebSession alice = WebSession.signedIn(port, TestAccounts.ALICE);
		alice.get("/support/new/bug");
		String fake = unique("Fake screenshot");
		Page refused = alice.postMultipart("/support/new/bug",
				Map.of("summary", fake, "description", "d", "priority", "Low"),
				Map.of("screenshots", Map.entry("screen.png", "#!/bin/sh\nrm -rf /\n".getBytes())));
		assertThat(refused.status()).isEqualTo(422);
		assertThat(refused.html().select("#screenshots-error").text()).contains("screen.png")
			.containsIgnoringCase("only PNG, JPEG, GIF and WebP images");
		assertThat(refused.html().select("#summary").val()).as("what was typed stays").isEqualTo(fake);
		assertThat(tickets.search(new TicketQuery(TestAccounts.ACME, null, null, null, fake, 5, null)).total())
			.isZero();

		byte[] tooLarge = java.util.Arrays.copyOf(TestImages.png(), 5 * 1024 * 1024 + 1);
		Page large = alice.postMultipart("/support/new/bug", Map.of("summary", fake, "description", "d"),
				Map.of("screenshots", Map.entry("big.png", tooLarge)));
		assertThat(large.status()).isEqualTo(422);
		assertThat(large.html().select("#screenshots-error").text()).contains("larger than the limit of 5 MB");

		byte[] png = TestImages.png();
		Page filed = alice.postMultipart("/support/new/bug",
				Map.of("summary", fake, "description", "d", "priority", "Low"),
				Map.of("screenshots", Map.entry("shot.jpeg", png)));
		assertThat(filed.status()).as(filed.toString()).isEqualTo(302);
		Ticket ticket = tickets.get(filed.location().substring(filed.location().lastIndexOf('/') + 1));
		var stored = tickets.attachments(ticket);
		assertThat(stored).singleElement().satisfies(a -> {
			assertThat(a.contentType()).as("sniffed, not the claimed image/png of a .jpeg").isEqualTo("image/png");
			assertThat(a.fileName()).isEqualTo("shot.png");
		});
		Page image = alice.get("/tickets/" + ticket.key() + "/attachments/" + stored.get(0).id());
		assertThat(image.status()).isEqualTo(200);
		assertThat(image.contentType()).isEqualTo("image/png");
		assertThat(image.bytes()).isEqualTo(png);
		assertThat(image.header("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(image.header("Content-Security-Policy")).contains("sandbox");
		assertThat(image.header("Content-Disposition")).startsWith("inline").contains("shot.png");
		assertThat(alice.get("/support/filed/" + ticket.key()).html().select("#ticket-key").text())
			.isEqualTo(ticket.key());
	}

	@Test
	void formsExplainWhatIsMissingNextToTheField() {
		WebSession alice = WebSession.signedIn(port, TestAccounts.ALICE);
		alice.get("/support/new/support");

		Page page = alice.postMultipart("/support/new/support", Map.of("summary", " ", "priority", "Urgent"), Map.of());

		assertThat(page.status()).isEqualTo(422);
		Document html = page.html();
		assertThat(html.select("#summary-error").text()).isEqualTo("Give your support ticket a short summary.");
		assertThat(html.select("#summary").attr("aria-invalid")).isEqualTo("true");
		assertThat(html.select("#category-error").text()).isEqualTo("Choose what you need help with.");
		assertThat(html.select("#priority-error").text()).isEqualTo("Choose a priority.");
		assertThat(html.select("#error-summary a").eachAttr("href")).containsExactly("#summary", "#priority",
				"#category");
	}

	@Test
	void analysisWithoutAConfiguredRepositorySaysWhatToConfigureAndAutoFixSaysWhyItIsOff() {
		String marker = "analysischeck" + UUID.randomUUID().toString().substring(0, 6);
		Ticket bug = fileFor(TestAccounts.ALICE, TestAccounts.ACME, TicketType.BUG, "Crash " + marker);
		search.awaitCurrent();
		WebSession admin = WebSession.signedIn(port, TestAccounts.ADMIN);

		Document dashboard = admin.get("/admin?q=" + marker).html();

		// No button that would fail: the note says what to set and links to the reference.
		assertThat(dashboard.select("#analysis-note").text()).startsWith("Bug analysis is off.")
			.contains("No code repository is configured", "BUGBRIDGE_REPOSITORIES_0_PATH");
		assertThat(dashboard.select("#analysis-docs").attr("href")).isEqualTo("/admin/docs/configuration");
		assertThat(dashboard.select("#autofix-note").text()).startsWith("Auto-Fix is off.");
		Element row = dashboard.selectFirst("tr[data-key=" + bug.key() + "]");
		assertThat(row).isNotNull();
		assertThat(row.select("form[action$=/analysis]")).isEmpty();
		assertThat(row.select("button[aria-disabled=true]").eachText())
			.anySatisfy(text -> assertThat(text).startsWith("Analyze offline (unavailable: No code repository"))
			.anySatisfy(text -> assertThat(text).startsWith("Auto-Fix (unavailable:"));
		Page docs = admin.get("/admin/docs/configuration");
		assertThat(docs.status()).isEqualTo(200);
		assertThat(docs.html().select("article.docs code").eachText()).contains("bugbridge.repositories[n].path");
		assertThat(admin.get("/admin/docs/../../application").status()).isIn(400, 404);
		Page refused = admin.htmxPost("/admin/tickets/" + bug.key() + "/analysis", Map.of());
		assertThat(refused.html().select("[role=alert]").text()).startsWith("No code repository is configured");
	}

	@Test
	void theDashboardFiltersCombineAndLiveInTheUrl() {
		String marker = "filtercheck" + UUID.randomUUID().toString().substring(0, 6);
		Ticket highBug = tickets.create(new NewTicket(TicketType.BUG, "High " + marker, "d", Priority.HIGH,
				TestAccounts.BOB, null, TestAccounts.GLOBEX, null, null, null, null, null, null, null), staff);
		Ticket lowBug = tickets.create(new NewTicket(TicketType.BUG, "Low " + marker, "d", Priority.LOW,
				TestAccounts.BOB, null, TestAccounts.GLOBEX, null, null, null, null, null, null, null), staff);
		Ticket feature = tickets.create(new NewTicket(TicketType.FEATURE, "Feature " + marker, "d", Priority.HIGH,
				TestAccounts.BOB, null, TestAccounts.GLOBEX, null, null, null, null, null, null, null), staff);
		tickets.update(lowBug.key(), TicketUpdate.status(Status.CLOSED), staff, Origin.LOCAL);
		search.awaitCurrent();
		WebSession admin = WebSession.signedIn(port, TestAccounts.ADMIN);

		Document all = admin.get("/admin?q=" + marker).html();
		Document bugs = admin.get("/admin?q=" + marker + "&type=Bug").html();
		Document open = admin.get("/admin?q=" + marker + "&type=Bug&status=unresolved&customer=globex").html();
		Document high = admin.get("/admin?q=" + marker + "&priority=High&sort=-created").html();
		Document nobody = admin.get("/admin?q=" + marker + "&customer=acme").html();
		Page fragment = admin.get("/admin?q=" + marker + "&type=Feature",
				Map.of("HX-Request", "true", "HX-Target", "ticket-list"));

		assertThat(all.select("tr[data-key]").eachAttr("data-key")).containsExactlyInAnyOrder(highBug.key(),
				lowBug.key(), feature.key());
		assertThat(bugs.select("tr[data-key]").eachAttr("data-key")).containsExactlyInAnyOrder(highBug.key(),
				lowBug.key());
		assertThat(open.select("tr[data-key]").eachAttr("data-key")).containsExactly(highBug.key());
		assertThat(open.select("#filter-status option[selected]").val()).isEqualTo("unresolved");
		assertThat(open.select("#filter-customer").val()).isEqualTo("globex");
		assertThat(high.select("tr[data-key]").eachAttr("data-key")).containsExactly(feature.key(), highBug.key());
		assertThat(nobody.select("tr[data-key]")).isEmpty();
		assertThat(fragment.html().select("#ticket-list tr[data-key]").eachAttr("data-key"))
			.containsExactly(feature.key());
		assertThat(fragment.html().select("#stats")).as("only the list").isEmpty();
		assertThat(all.select("tr[data-key=" + highBug.key() + "] .customer-reported").text())
			.isEqualTo("Customer globex");
		assertThat(all.select("tr[data-key=" + highBug.key() + "] .sla-on-track").text()).isEqualTo("SLA on track");
	}

	@Test
	void adminsChangeStatusAssigneeAndPriorityWithinTheWorkflow() {
		Ticket ticket = fileFor(TestAccounts.BOB, TestAccounts.GLOBEX, TicketType.BUG, unique("Manage check"));
		WebSession admin = WebSession.signedIn(port, TestAccounts.ADMIN);
		admin.get("/admin/tickets/" + ticket.key());

		Page saved = admin.htmxPost("/admin/tickets/" + ticket.key(),
				Map.of("status", "In Progress", "priority", "Critical", "assignee", "dev@bugbridge.example"));
		assertThat(saved.status()).isEqualTo(200);
		assertThat(saved.header("HX-Trigger")).isEqualTo("ticket-updated");
		assertThat(saved.html().select("[role=status]").text()).isEqualTo("Saved.");
		Ticket updated = tickets.get(ticket.key());
		assertThat(updated.status()).isEqualTo(Status.IN_PROGRESS);
		assertThat(updated.priority()).isEqualTo(Priority.CRITICAL);
		assertThat(updated.assigneeEmail()).isEqualTo("dev@bugbridge.example");
		assertThat(saved.html().select(".history").text()).contains("status: Open → In Progress");

		admin.htmxPost("/admin/tickets/" + ticket.key(), Map.of("status", "Closed"));
		Page refused = admin.htmxPost("/admin/tickets/" + ticket.key(), Map.of("status", "In Progress"));
		assertThat(refused.html().select("[role=alert]").text()).contains("cannot move from Closed to In Progress");
		assertThat(refused.header("HX-Trigger")).isNull();
		assertThat(refused.html().select("#manage-status option").eachText()).containsExactly("Open", "Closed");
		Page badAssignee = admin.htmxPost("/admin/tickets/" + ticket.key(), Map.of("assignee", "not an address"));
		assertThat(badAssignee.html().select("[role=alert]").text()).contains("must be an e-mail address");

		Page withoutScript = admin.postForm("/admin/tickets/" + ticket.key(), Map.of("status", "Open", "assignee", ""));
		assertThat(withoutScript.status()).isEqualTo(302);
		assertThat(withoutScript.location()).endsWith("/admin/tickets/" + ticket.key() + "#update");
		assertThat(tickets.get(ticket.key()).assigneeEmail()).isNull();
	}

	@Test
	void customersReplyRateResolvedTicketsAndVoteOnFeatureRequests() {
		Ticket feature = fileFor(TestAccounts.ALICE, TestAccounts.ACME, TicketType.FEATURE, unique("Vote check"));
		WebSession alice = WebSession.signedIn(port, TestAccounts.ALICE);
		WebSession carol = WebSession.signedIn(port, TestAccounts.CAROL);
		alice.get("/tickets/" + feature.key());
		carol.get("/tickets/" + feature.key());

		alice.postForm("/tickets/" + feature.key() + "/vote", Map.of("action", "add"));
		carol.postForm("/tickets/" + feature.key() + "/vote", Map.of("action", "add"));
		assertThat(tickets.get(feature.key()).votes()).isEqualTo(2);
		Document afterVote = alice.get("/tickets/" + feature.key()).html();
		assertThat(afterVote.select(".vote-count").text()).isEqualTo("2");
		assertThat(afterVote.select("#vote-button").text()).isEqualTo("Take back my vote");
		alice.postForm("/tickets/" + feature.key() + "/vote", Map.of("action", "remove"));
		assertThat(tickets.get(feature.key()).votes()).isEqualTo(1);

		Page empty = alice.postForm("/tickets/" + feature.key() + "/comments", Map.of("comment", "  "));
		assertThat(empty.status()).isEqualTo(422);
		assertThat(empty.html().select("#comment-error").text()).isEqualTo("Write a reply first.");

		Document open = alice.get("/tickets/" + feature.key()).html();
		assertThat(open.select("#rating form")).as("no rating before it is resolved").isEmpty();
		tickets.update(feature.key(), TicketUpdate.status(Status.RESOLVED), staff, Origin.LOCAL);
		alice.get("/tickets/" + feature.key());
		Page rated = alice.postForm("/tickets/" + feature.key() + "/rating", Map.of("score", "5", "comment", "Fast!"));
		assertThat(rated.status()).isEqualTo(302);
		Document after = alice.get("/tickets/" + feature.key()).html();
		assertThat(after.select("#rating").text()).contains("Rated 5 of 5").contains("Fast!");
		assertThat(after.select("#rating form")).isEmpty();
		assertThat(after.select("[role=status]").text()).isEqualTo("Thank you for rating our help.");
	}

	@Test
	void suggestionsWhileTypingComeOnlyFromTheCustomersOwnAccount() {
		String words = "Invoice export " + UUID.randomUUID().toString().substring(0, 6) + " crashes with timeout";
		Ticket existing = fileFor(TestAccounts.ALICE, TestAccounts.ACME, TicketType.BUG, words);
		search.awaitCurrent();
		WebSession carol = WebSession.signedIn(port, TestAccounts.CAROL);
		WebSession bob = WebSession.signedIn(port, TestAccounts.BOB);
		String query = "/support/suggestions?summary=" + words.replace(' ', '+') + "&description=";

		assertThat(carol.htmxGet(query).html().select("a[href=/tickets/" + existing.key() + "]")).hasSize(1);
		assertThat(bob.htmxGet(query).body()).doesNotContain(existing.key());
		assertThat(carol.htmxGet("/support/suggestions?summary=abc").body()).doesNotContain("Is it one of these");
	}

	@Test
	void dashboardsHearAboutChangesOverServerSentEvents() {
		WebSession admin = WebSession.signedIn(port, TestAccounts.ADMIN);
		WebSession.Stream stream = admin.readStream("/admin/events",
				() -> fileFor(TestAccounts.BOB, TestAccounts.GLOBEX, TicketType.SUPPORT, unique("Live check")),
				"event:tickets-changed", Duration.ofSeconds(10));

		assertThat(stream.status()).isEqualTo(200);
		assertThat(stream.contentType()).startsWith("text/event-stream");
		assertThat(stream.text()).contains(":connected").contains("event:tickets-changed");

		WebSession alice = WebSession.signedIn(port, TestAccounts.ALICE);
		assertThat(alice.readStream("/admin/events", () -> {
		}, "x", Duration.ofMillis(200)).status()).isEqualTo(403);
	}

	@Test
	void mergingADuplicateClosesItAndLinksTheTwo() {
		String words = "Merge " + UUID.randomUUID().toString().substring(0, 6) + " quickbooks oauth fails";
		Ticket original = fileFor(TestAccounts.ALICE, TestAccounts.ACME, TicketType.BUG, words);
		Ticket duplicate = fileFor(TestAccounts.BOB, TestAccounts.GLOBEX, TicketType.BUG, words + " again");
		search.awaitCurrent();
		WebSession admin = WebSession.signedIn(port, TestAccounts.ADMIN);
		Document manage = admin.get("/admin/tickets/" + duplicate.key()).html();
		assertThat(manage.select("#duplicates input[name=into]").eachAttr("value")).contains(original.key());

		Page merged = admin.htmxPost("/admin/tickets/" + duplicate.key() + "/merge", Map.of("into", original.key()));

		assertThat(merged.html().select("[role=status]").text()).contains("merged into " + original.key());
		assertThat(tickets.get(duplicate.key()).status()).isEqualTo(Status.CLOSED);
		assertThat(tickets.links(tickets.get(duplicate.key()))).isNotEmpty();
		WebSession bob = WebSession.signedIn(port, TestAccounts.BOB);
		assertThat(bob.get("/tickets/" + duplicate.key()).body()).contains("merged them").doesNotContain(original.key());
		assertThat(tickets.comments(tickets.get(original.key()), false).stream().map(c -> c.body()))
			.noneMatch(body -> body.contains(duplicate.key()));
		assertThat(tickets.comments(tickets.get(original.key()), true).stream().map(c -> c.body()))
			.anyMatch(body -> body.contains(duplicate.key()));
	}

}
