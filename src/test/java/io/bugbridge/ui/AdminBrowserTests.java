package io.bugbridge.ui;

import java.util.List;
import java.util.UUID;

import io.bugbridge.search.TicketSearch;
import io.bugbridge.support.ApiTest;
import io.bugbridge.support.Browser;
import io.bugbridge.support.FakeIntegrations;
import io.bugbridge.support.OnH2;
import io.bugbridge.support.TestAccounts;
import io.bugbridge.ticket.Actor;
import io.bugbridge.ticket.NewTicket;
import io.bugbridge.ticket.Priority;
import io.bugbridge.ticket.Status;
import io.bugbridge.ticket.Ticket;
import io.bugbridge.ticket.TicketService;
import io.bugbridge.ticket.TicketType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An admin in a real browser: watches the statistics change without reloading, filters, manages
 * a ticket (status, internal note, public reply) and runs a bug analysis; then the customer's view
 * of that ticket shows the reply and not the note. Jira and the analysis engine are stand-ins
 * ({@link FakeIntegrations}).
 */
@ApiTest
@OnH2
@Import(FakeIntegrations.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	TicketService tickets;

	@Autowired
	TicketSearch search;

	Browser browser;

	final String marker = "wombat" + UUID.randomUUID().toString().substring(0, 6);

	Ticket bug;

	Ticket feature;

	@BeforeAll
	void start() {
		Actor alice = new Actor(TestAccounts.ALICE, TestAccounts.ALICE, "Alice Customer", Actor.Kind.CUSTOMER);
		bug = tickets.create(new NewTicket(TicketType.BUG, "PDF export " + marker + " is blank",
				"Every PDF export is empty.\nSince Monday.", Priority.HIGH, TestAccounts.ALICE, "Alice Customer",
				TestAccounts.ACME, "Chrome 120, macOS", "1. Open a report\n2. Export PDF", "A PDF", "A blank page", null,
				null, null), alice);
		feature = tickets.create(new NewTicket(TicketType.FEATURE, "Dark mode " + marker, "Please", Priority.LOW,
				TestAccounts.ALICE, null, TestAccounts.ACME, null, null, null, null, "Less eye strain", "Night shifts",
				null), alice);
		search.awaitCurrent();
		browser = Browser.start(port);
		browser.signIn(TestAccounts.ADMIN);
	}

	@AfterAll
	void close() {
		if (browser != null) {
			browser.close();
		}
	}

	@Test
	@Order(1)
	void theStatisticsUpdateWithoutReloadingThePage() {
		browser.open("/admin");
		browser.settled();
		browser.waitForText(By.cssSelector("[data-live-status]"), "Live");
		browser.script("window.notReloaded = true");
		long total = number("stat-total");
		long openBugs = number("stat-open-bugs");
		long critical = number("stat-critical");
		browser.screenshot("admin-dashboard-desktop");

		tickets.create(new NewTicket(TicketType.BUG, "Live " + marker, "d", Priority.CRITICAL, TestAccounts.BOB, null,
				TestAccounts.GLOBEX, null, null, null, null, null, null, null),
				new Actor(TestAccounts.BOB, TestAccounts.BOB, null, Actor.Kind.CUSTOMER));

		browser.waitUntil(java.time.Duration.ofSeconds(15), d -> number("stat-total") == total + 1);
		assertThat(number("stat-open-bugs")).isEqualTo(openBugs + 1);
		assertThat(number("stat-critical")).isEqualTo(critical + 1);
		assertThat((Boolean) browser.script("return window.notReloaded === true")).as("the page was not reloaded")
			.isTrue();
		// The chart is collapsed so that the ticket list fits the first screen; it updates all the same.
		browser.find(By.cssSelector("#chart-toggle > summary")).click();
		browser.waitUntil(org.openqa.selenium.support.ui.ExpectedConditions
			.textToBePresentInElementLocated(By.cssSelector("#chart .chart-summary"), "opened"));
		browser.screenshot("admin-dashboard-chart-open");
	}

	@Test
	@Order(2)
	void filtersCombineAndShowInTheAddress() {
		browser.find(By.id("filter-q")).sendKeys(marker);
		browser.waitUntil(d -> browser.path().contains("q=" + marker) && rows().size() == 3);
		new Select(browser.find(By.id("filter-type"))).selectByValue("Bug");
		browser.waitUntil(d -> browser.path().contains("type=Bug") && rows().size() == 2);
		new Select(browser.find(By.id("filter-priority"))).selectByValue("High");
		browser.waitUntil(d -> browser.path().contains("priority=High") && rows().equals(List.of(bug.key())));
		new Select(browser.find(By.id("filter-status"))).selectByValue("unresolved");
		browser.waitUntil(d -> browser.path().contains("status=unresolved") && rows().equals(List.of(bug.key())));

		WebElement row = row(bug.key());
		assertThat(row.findElement(By.cssSelector(".customer-reported")).getText()).isEqualTo("Customer acme");
		assertThat(row.findElement(By.cssSelector(".badge.sla-on-track")).getText()).isEqualTo("SLA on track");
		assertThat(row.getText()).contains(TestAccounts.ALICE).contains("Unassigned");
		assertThat(row.findElement(By.linkText("View in Jira")).getDomAttribute("href"))
			.isEqualTo(FakeIntegrations.JIRA + bug.key());
		WebElement autoFix = row.findElement(By.xpath(".//button[starts-with(normalize-space(.), 'Auto-Fix')]"));
		assertThat(autoFix.getDomAttribute("aria-disabled")).isEqualTo("true");
		assertThat(browser.find(By.id("autofix-note")).getText()).contains(FakeIntegrations.AUTO_FIX_NEEDS);

		browser.open(browser.path());
		browser.settled();
		assertThat(rows()).as("the filtered view survives a reload").containsExactly(bug.key());
		assertThat(new Select(browser.find(By.id("filter-type"))).getFirstSelectedOption().getText()).isEqualTo("Bug");
	}

	@Test
	@Order(3)
	void anAdminChangesTheStatusAndAddsAnInternalNoteAndAPublicReply() {
		row(bug.key()).findElement(By.linkText("Manage")).click();
		WebElement dialog = browser.find(By.cssSelector("dialog#modal[open]"));
		assertThat(browser.find(By.id("modal-title")).getText()).isEqualTo(bug.summary());
		assertThat(dialog.getText()).contains("Every PDF export is empty.").contains("1. Open a report")
			.contains("Chrome 120, macOS").contains("created");

		new Select(browser.find(By.id("manage-status"))).selectByVisibleText("In Progress");
		browser.find(By.id("manage-assignee")).sendKeys("dev@bugbridge.example");
		browser.find(By.id("save-update")).click();
		browser.waitForText(By.cssSelector("#modal-content .notice"), "Saved.");
		assertThat(browser.find(By.cssSelector("#modal-content .history")).getText())
			.contains("status: Open → In Progress");

		browser.find(By.id("manage-comment")).sendKeys("Internal: renderer regression from release 4.2");
		assertThat(browser.find(By.id("manage-internal")).isSelected()).as("internal by default").isTrue();
		browser.find(By.id("add-comment")).click();
		browser.waitForText(By.cssSelector("#modal-content .notice"), "Internal note added (staff only).");
		browser.find(By.id("manage-comment")).sendKeys("Thanks, we found the cause and are fixing it.");
		browser.find(By.id("manage-internal")).click();
		browser.find(By.id("add-comment")).click();
		browser.waitForText(By.cssSelector("#modal-content .notice"), "Public reply added.");
		assertThat(browser.find(By.cssSelector("#conversation .comment.internal")).getText())
			.contains("renderer regression");
		browser.screenshot("admin-manage-modal-desktop");

		browser.find(By.id("manage-comment")).sendKeys(Keys.ESCAPE);
		browser.waitUntil(d -> d.findElements(By.cssSelector("dialog#modal[open]")).isEmpty());
		browser.waitUntil(d -> row(bug.key()).findElements(By.cssSelector(".badge.status-in-progress")).size() == 1);
		assertThat(row(bug.key()).getText()).contains("dev@bugbridge.example")
			.as("dates in the reader's time zone also in a refreshed list").doesNotContain(" UTC");
		assertThat(tickets.get(bug.key()).status()).isEqualTo(Status.IN_PROGRESS);
	}

	@Test
	@Order(4)
	void analyzeWithAiShowsProgressThenTheAnalysisAndThePullRequest() {
		row(bug.key()).findElement(By.xpath(".//button[normalize-space(.)='Analyze offline']")).click();
		browser.find(By.cssSelector("dialog#modal[open]"));
		WebElement progress = browser.find(By.cssSelector("#modal-content progress"));
		assertThat(progress.getDomAttribute("max")).isEqualTo("100");
		browser.screenshot("admin-analysis-running-desktop");

		WebElement link = browser.waitUntil(java.time.Duration.ofSeconds(15),
				d -> d.findElements(By.id("pull-request-link")).stream().findFirst().orElse(null));
		assertThat(link.getDomAttribute("href")).startsWith(FakeIntegrations.PULL_REQUEST);
		String text = browser.find(By.cssSelector("#modal-content .analysis")).getText();
		assertThat(text).contains("src/main/java/com/acme/ReportExporter.java")
			.contains("stack frame ReportExporter.java:42").contains("0.91")
			.contains("Load the report data before rendering").contains("Cache warm-up skips the loader");
		// The internal comment's full text is folded away (the sections above are its content), one click off.
		assertThat(text).doesNotContain("ReportExporter skips the data load");
		browser.find(By.cssSelector("#posted-comment summary")).click();
		assertThat(browser.find(By.cssSelector("#posted-comment")).getText()).contains("ReportExporter skips the data load");
		assertThat(browser.driver().findElements(By.cssSelector("#modal-content progress"))).isEmpty();
		browser.screenshot("admin-analysis-done-desktop");
		browser.find(By.cssSelector("[data-close-dialog]")).click();
		browser.waitUntil(d -> d.findElements(By.cssSelector("dialog#modal[open]")).isEmpty());
	}

	@Test
	@Order(5)
	void theDashboardWorksAtPhoneWidth() {
		browser.size(Browser.PHONE);
		try {
			browser.open("/admin?q=" + marker);
			browser.settled();
			assertThat(browser.scrollWidth()).as("no sideways scrolling").isLessThanOrEqualTo(browser.viewportWidth());
			browser.screenshot("admin-dashboard-375");
			row(feature.key()).findElement(By.linkText("Manage")).click();
			browser.find(By.cssSelector("dialog#modal[open]"));
			browser.screenshot("admin-manage-modal-375");
			browser.find(By.cssSelector("[data-close-dialog]")).click();
		}
		finally {
			browser.size(Browser.DESKTOP);
		}
	}

	@Test
	@Order(6)
	void theCustomerSeesThePublicReplyButNotTheInternalNote() {
		browser.signOut();
		browser.signIn(TestAccounts.ALICE);
		browser.open("/tickets/" + bug.key());

		String page = browser.find(By.id("main")).getText();
		assertThat(page).contains("Thanks, we found the cause and are fixing it.").doesNotContain("renderer regression");
		assertThat(browser.find(By.cssSelector(".ticket-head .badge.status-in-progress")).getText())
			.isEqualTo("In Progress");
		assertThat(browser.find(By.id("view-in-jira")).getDomAttribute("href")).isEqualTo(FakeIntegrations.JIRA + bug.key());
		browser.screenshot("customer-ticket-after-reply-desktop");
		browser.open("/admin");
		assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Not allowed");
	}

	/** Read in one script call: the statistics may be swapped for fresh ones at any moment. */
	private long number(String id) {
		String text = browser.script("return document.querySelector('#" + id + " .stat-value').textContent");
		return Long.parseLong(text.trim());
	}

	private List<String> rows() {
		return browser.script("return Array.from(document.querySelectorAll('#ticket-list tr[data-key]'))"
				+ ".map(row => row.getAttribute('data-key'))");
	}

	private WebElement row(String key) {
		return browser.find(By.cssSelector("#ticket-list tr[data-key='" + key + "']"));
	}

}
