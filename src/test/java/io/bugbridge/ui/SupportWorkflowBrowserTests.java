package io.bugbridge.ui;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import io.bugbridge.search.TicketSearch;
import io.bugbridge.support.ApiClient;
import io.bugbridge.support.ApiTest;
import io.bugbridge.support.Browser;
import io.bugbridge.support.OnH2;
import io.bugbridge.support.TestAccounts;
import io.bugbridge.ticket.Actor;
import io.bugbridge.ticket.NewTicket;
import io.bugbridge.ticket.Origin;
import io.bugbridge.ticket.Priority;
import io.bugbridge.ticket.Status;
import io.bugbridge.ticket.Ticket;
import io.bugbridge.ticket.TicketService;
import io.bugbridge.ticket.TicketType;
import io.bugbridge.ticket.TicketUpdate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14: customer replies go back to the team and are flagged for staff; ticket numbers find
 * tickets; duplicates show an absolute similarity above a threshold.
 */
@ApiTest
@OnH2
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SupportWorkflowBrowserTests {

	static final Actor STAFF = new Actor("staff", TestAccounts.ADMIN, "Ada Admin", Actor.Kind.STAFF);

	@LocalServerPort
	int port;

	@Autowired
	TicketService tickets;

	@Autowired
	TicketSearch search;

	@Autowired
	JdbcClient jdbc;

	Browser customer;

	Browser admin;

	@BeforeAll
	void startBrowsers() {
		customer = Browser.start(port);
		customer.signIn(TestAccounts.ALICE);
		admin = Browser.start(port);
		admin.signIn(TestAccounts.ADMIN);
	}

	@AfterAll
	void closeBrowsers() {
		if (customer != null) {
			customer.close();
		}
		if (admin != null) {
			admin.close();
		}
	}

	private Ticket file(String summary, String description, Status status, String assignee) {
		Ticket ticket = tickets.create(new NewTicket(TicketType.SUPPORT, summary, description, Priority.MEDIUM,
				TestAccounts.ALICE, "Alice Customer", TestAccounts.ACME, null, null, null, null, null, null, null),
				new Actor("alice", TestAccounts.ALICE, "Alice Customer", Actor.Kind.CUSTOMER));
		if (assignee != null) {
			ticket = tickets.update(ticket.key(), new TicketUpdate(null, null, java.util.Optional.of(assignee), null, null),
					STAFF, Origin.LOCAL);
		}
		if (status != Status.OPEN) {
			ticket = tickets.update(ticket.key(), new TicketUpdate(status, null, null, null, null), STAFF, Origin.LOCAL);
		}
		return ticket;
	}

	@Test
	@Order(1)
	void aReplyOnAWaitingTicketSendsItBackToTheTeamAndFlagsIt() {
		Ticket ticket = file("Invoice numbers wombat skip a value", "Our invoices jump from 41 to 43.",
				Status.WAITING_FOR_CUSTOMER, "agent@bugbridge.example");
		customer.size(Browser.DESKTOP);
		customer.open("/tickets/" + ticket.key());
		assertThat(customer.find(By.id("reply-hint")).getText()).contains("We need your answer");
		customer.screenshot("support-waiting-for-customer");
		customer.find(By.id("comment")).sendKeys("It happened again with invoice 44.");
		customer.find(By.id("send-reply")).click();
		customer.waitUntil(d -> d.getPageSource().contains("back with our team"));

		Ticket after = tickets.get(ticket.key());
		assertThat(after.status()).as("assigned: back to the assignee's queue").isEqualTo(Status.IN_PROGRESS);
		assertThat(tickets.customerReplies(java.util.List.of(after.id()))).containsKey(after.id());

		admin.size(Browser.DESKTOP);
		admin.open("/admin?q=" + ticket.key());
		admin.find(By.cssSelector("tr[data-key='" + ticket.key() + "'] .customer-replied"));
		admin.screenshot("support-admin-customer-replied");

		tickets.addComment(ticket.key(), io.bugbridge.ticket.NewComment.publicComment("Fixed in 2.3."), STAFF);
		assertThat(tickets.customerReplies(java.util.List.of(after.id()))).as("staff answered").isEmpty();
	}

	@Test
	@Order(2)
	void apiRepliesReopenResolvedTicketsWithinTheWindowOnly() {
		ApiClient api = new ApiClient(port);
		String token = ApiClient.customerToken(TestAccounts.ALICE, TestAccounts.ACME);

		Ticket recent = file("Recently resolved koala report", "Totals are off.", Status.RESOLVED, null);
		assertThat(api.post("/api/jira/ticket/" + recent.key() + "/comment", token, "{\"comment\":\"Still wrong.\"}")
			.status()).isEqualTo(201);
		assertThat(tickets.get(recent.key()).status()).as("unassigned: back to triage").isEqualTo(Status.OPEN);

		Ticket old = file("Long resolved platypus export", "Export was slow.", Status.RESOLVED, null);
		jdbc.sql("UPDATE ticket_history SET occurred_at = :at WHERE ticket_id = :id AND field = 'status'")
			.param("at", Instant.now().minus(30, ChronoUnit.DAYS).atOffset(ZoneOffset.UTC))
			.param("id", old.id())
			.update();
		assertThat(api.post("/api/jira/ticket/" + old.key() + "/comment", token, "{\"comment\":\"Slow again.\"}")
			.status()).isEqualTo(201);
		assertThat(tickets.get(old.key()).status()).as("past the reopen window").isEqualTo(Status.RESOLVED);
		assertThat(tickets.customerReplies(java.util.List.of(old.id()))).as("still flagged for staff")
			.containsKey(old.id());

		Ticket closed = file("Closed echidna question", "How do I export?", Status.CLOSED, null);
		assertThat(api.post("/api/jira/ticket/" + closed.key() + "/comment", token, "{\"comment\":\"Thanks!\"}")
			.status()).isEqualTo(201);
		assertThat(tickets.get(closed.key()).status()).as("closed stays closed").isEqualTo(Status.CLOSED);

		customer.open("/tickets/" + old.key());
		customer.find(By.id("follow-up-link")).click();
		customer.find(By.id("follows-note"));
		customer.find(By.id("summary")).sendKeys("Platypus export slow again");
		customer.find(By.id("description")).sendKeys("Same as before, since today.");
		customer.find(By.cssSelector("label.level-medium")).click();
		customer.screenshot("support-follow-up-form");
		customer.find(By.id("category"));
		new org.openqa.selenium.support.ui.Select(customer.find(By.id("category"))).selectByIndex(1);
		customer.find(By.id("submit-ticket")).click();
		customer.waitUntil(d -> customer.path().startsWith("/support/filed/"));
		String newKey = customer.path().substring("/support/filed/".length());
		assertThat(tickets.links(tickets.get(newKey))).anySatisfy(link -> {
			assertThat(link.kind()).isEqualTo("follow_up_of");
			assertThat(link.toKey()).isEqualTo(old.key());
		});
	}

	@Test
	@Order(3)
	void ticketNumbersFindTheirTicket() {
		Ticket ticket = file("Numbered dingo ticket", "Find me by number.", Status.OPEN, null);
		String number = ticket.key().substring(ticket.key().indexOf('-') + 1);
		customer.open("/tickets?q=" + ticket.key());
		assertThat(customer.find(By.cssSelector(".ticket-card.numbered .key")).getText()).isEqualTo(ticket.key());
		customer.open("/tickets?q=" + number);
		assertThat(customer.find(By.cssSelector(".ticket-card.numbered .key")).getText()).isEqualTo(ticket.key());
		customer.screenshot("support-my-tickets-by-number");

		admin.open("/admin?q=" + ticket.key().toLowerCase());
		assertThat(admin.find(By.cssSelector("#ticket-list tbody tr:first-child .key")).getText())
			.isEqualTo(ticket.key());

		// Another customer's number finds nothing for a customer.
		Browser bob = Browser.start(port);
		try {
			bob.signIn(TestAccounts.BOB);
			bob.open("/tickets?q=" + ticket.key());
			assertThat(bob.driver().findElements(By.cssSelector(".ticket-card.numbered"))).isEmpty();
		}
		finally {
			bob.close();
		}
	}

	@Test
	@Order(4)
	void duplicatesShowAnAbsoluteSimilarityAndUnrelatedTicketsAreNotOffered() {
		Ticket original = file("Calendar sync with Outlook drops recurring meetings",
				"Recurring meetings disappear after the Outlook calendar sync runs overnight.", Status.OPEN, null);
		Ticket copy = file("Outlook calendar sync drops recurring meetings",
				"After the overnight Outlook calendar sync, recurring meetings disappear.", Status.OPEN, null);
		Ticket unrelated = file("Password reset e-mail never arrives for calendar users",
				"Users cannot reset their password; no e-mail comes.", Status.OPEN, null);
		admin.waitUntil(java.time.Duration.ofSeconds(10), d -> search.isReady() ? Boolean.TRUE : null);
		admin.open("/admin/tickets/" + copy.key());
		admin.waitUntil(java.time.Duration.ofSeconds(10), d -> {
			d.navigate().refresh();
			return d.getPageSource().contains(original.key() + "</strong>") ? Boolean.TRUE : null;
		});
		String duplicates = admin.find(By.id("duplicates")).getText();
		assertThat(duplicates).contains(original.key()).doesNotContain(unrelated.key());
		assertThat(admin.find(By.cssSelector("h1.manage-title")).getText()).isEqualTo(copy.summary());
		admin.find(By.id("duplicates")).getLocation();
		admin.screenshot("support-manage-duplicates");

		admin.open("/admin/tickets/" + unrelated.key());
		assertThat(admin.find(By.id("duplicates")).getText()).doesNotContain("Merge into " + original.key());
	}

	@Test
	@Order(5)
	void aDraftSurvivesAnExpiredSessionAndIsGoneAfterSignOut() {
		customer.open("/support/new/bug");
		customer.find(By.id("summary")).sendKeys("Draft wallaby report that must not get lost");
		customer.find(By.id("description")).sendKeys("Half a page of careful description.");
		customer.find(By.cssSelector("label.level-high")).click();
		// The session expires while the customer types.
		customer.driver().manage().deleteCookieNamed("JSESSIONID");
		// Either this submit or a suggestion request still on its way after the typing meets the
		// expired session first; htmx then sends the whole page to sign-in (HX-Redirect). Both must
		// end on the sign-in page with the draft kept; on a slow machine either comes first.
		customer.waitUntil(d -> {
			if (customer.path().startsWith("/login")) {
				return Boolean.TRUE;
			}
			try {
				var submit = d.findElements(By.id("submit-ticket"));
				if (!submit.isEmpty()) {
					submit.get(0).click();
				}
			}
			catch (org.openqa.selenium.StaleElementReferenceException ex) {
				// The page was leaving for sign-in.
			}
			return null;
		});
		customer.find(By.id("email")).sendKeys(TestAccounts.ALICE);
		customer.find(By.id("password")).sendKeys(TestAccounts.PASSWORD);
		customer.find(By.cssSelector("form[action='/login'] button[type=submit]")).click();
		customer.waitUntil(d -> customer.path().startsWith("/support/new/bug") ? Boolean.TRUE : null);
		customer.find(By.id("draft-restored"));
		assertThat(customer.find(By.id("summary")).getDomProperty("value"))
			.isEqualTo("Draft wallaby report that must not get lost");
		assertThat(customer.find(By.id("priority-high")).isSelected()).isTrue();
		assertThat(customer.find(By.id("session-expired")).getText()).contains("expired");
		customer.screenshot("support-draft-restored");

		customer.signOut();
		customer.signIn(TestAccounts.ALICE);
		customer.open("/support/new/bug");
		assertThat(customer.find(By.id("summary")).getDomProperty("value")).as("signed out: draft gone").isEmpty();
		assertThat(customer.driver().findElements(By.id("draft-restored"))).isEmpty();
	}

	@Test
	@Order(6)
	void theCustomerRepliedFilterListsOnlyTicketsAwaitingOurAnswer() {
		Ticket replied = file("Quokka export stops at row 999", "The export cuts off.", Status.WAITING_FOR_CUSTOMER,
				null);
		Ticket quiet = file("Quokka export is slow", "Takes a minute.", Status.OPEN, null);
		tickets.addComment(replied.key(), io.bugbridge.ticket.NewComment.publicComment("Still cut off at 999."),
				new Actor("alice", TestAccounts.ALICE, "Alice Customer", Actor.Kind.CUSTOMER));

		admin.size(Browser.DESKTOP);
		admin.open("/admin");
		admin.find(By.id("filter-replied")).click();

		admin.waitUntil(d -> admin.path().contains("replied=yes") ? Boolean.TRUE : null);
		admin.find(By.cssSelector("tr[data-key='" + replied.key() + "'] .customer-replied"));
		assertThat(admin.driver().findElements(By.cssSelector("tr[data-key='" + quiet.key() + "']"))).isEmpty();
		assertThat(admin.find(By.id("replied-filter-note")).getText()).contains("customer replied");
		admin.screenshot("support-admin-customer-replied-filter");

		// Staff answer: the ticket leaves the filtered list (reloaded, as a bookmark of it would be).
		tickets.addComment(replied.key(), io.bugbridge.ticket.NewComment.publicComment("Fixed in 2.4."), STAFF);
		admin.open("/admin?replied=yes");
		admin.find(By.id("replied-filter-note"));
		assertThat(admin.driver().findElements(By.cssSelector("tr[data-key='" + replied.key() + "']"))).isEmpty();
		assertThat(admin.find(By.id("filter-replied")).isSelected()).isTrue();
	}

	@Test
	@Order(7)
	void anOversizedUploadWithoutScriptGetsA413PageWithAWayBackToTheForm() throws Exception {
		java.nio.file.Path big = java.nio.file.Files.createTempFile("bugbridge-big", ".png");
		try (Browser noScript = Browser.startWithoutScript(port)) {
			// Over the 10 MB a single part may have (twice the 5 MB screenshot limit): refused before parsing.
			java.nio.file.Files.write(big, java.util.Arrays.copyOf(io.bugbridge.support.TestImages.png(), 11 * 1024 * 1024));
			noScript.signIn(TestAccounts.ALICE);
			noScript.open("/support/new/bug");
			noScript.find(By.id("summary")).sendKeys("Numbat report with a huge screenshot");
			noScript.find(By.id("description")).sendKeys("See the attached screenshot.");
			noScript.find(By.id("screenshots")).sendKeys(big.toAbsolutePath().toString());
			noScript.find(By.id("submit-ticket")).click();

			noScript.waitForText(By.tagName("h1"), "Upload too large");
			assertThat(noScript.find(By.cssSelector(".error-page")).getText()).contains("413", "smaller");
			assertThat(noScript.driver().findElements(By.cssSelector("nav.main-nav a"))).as("site navigation").isNotEmpty();
			noScript.screenshot("support-upload-too-large-no-script");
			noScript.find(By.id("back-to-form")).click();
			noScript.waitUntil(d -> noScript.path().startsWith("/support/new/bug") ? Boolean.TRUE : null);
			assertThat(noScript.find(By.id("submit-ticket")).isDisplayed()).isTrue();
		}
		finally {
			java.nio.file.Files.deleteIfExists(big);
		}
	}

}
