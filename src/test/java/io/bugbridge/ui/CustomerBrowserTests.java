package io.bugbridge.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.bugbridge.search.TicketSearch;
import io.bugbridge.support.ApiTest;
import io.bugbridge.support.Browser;
import io.bugbridge.support.OnH2;
import io.bugbridge.support.TestAccounts;
import io.bugbridge.support.TestImages;
import io.bugbridge.ticket.Attachment;
import io.bugbridge.ticket.Priority;
import io.bugbridge.ticket.SupportCategory;
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
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A customer in a real browser: files a bug report, a feature request and a support ticket, each
 * with a screenshot, and finds them under My Tickets; the pages at desktop and phone width, and
 * with the keyboard only.
 */
@ApiTest
@OnH2
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CustomerBrowserTests {

	static final Path FILES = Path.of("target", "test-files");

	@LocalServerPort
	int port;

	@Autowired
	TicketService tickets;

	@Autowired
	TicketSearch search;

	Browser browser;

	final String marker = "quokka" + UUID.randomUUID().toString().substring(0, 6);

	final List<String> filed = new ArrayList<>();

	@BeforeAll
	void startBrowser() {
		browser = Browser.start(port);
		browser.signIn(TestAccounts.ALICE);
	}

	@AfterAll
	void closeBrowser() {
		if (browser != null) {
			browser.close();
		}
	}

	@Test
	@Order(1)
	void filesABugReportWithAScreenshot() {
		browser.size(Browser.DESKTOP);
		browser.open("/support");
		browser.screenshot("customer-support-center-desktop");
		browser.find(By.id("choose-bug")).click();
		browser.settled();

		assertThat(browser.find(By.id("environment")).getDomProperty("value")).as("filled in from the browser")
			.contains("Chrome").contains("Linux");
		browser.find(By.id("summary")).sendKeys("Export " + marker + " to PDF shows a blank page");
		browser.find(By.id("description")).sendKeys("Since this morning every PDF export of the audit report is empty.");
		browser.find(By.id("stepsToReproduce")).sendKeys("1. Open an audit report\n2. Click Export > PDF");
		browser.find(By.id("expectedBehavior")).sendKeys("A PDF with the report");
		browser.find(By.id("actualBehavior")).sendKeys("A blank page");
		browser.find(By.cssSelector("label.level-high")).click();
		attach("bug-screenshot.png", TestImages.png());
		browser.screenshot("customer-bug-form-desktop");

		String key = submit();

		Ticket ticket = tickets.get(key);
		assertThat(ticket.type()).isEqualTo(TicketType.BUG);
		assertThat(ticket.priority()).isEqualTo(Priority.HIGH);
		assertThat(ticket.customerId()).isEqualTo(TestAccounts.ACME);
		assertThat(ticket.stepsToReproduce()).contains("Click Export > PDF");
		assertThat(ticket.environment()).contains("Chrome");
		assertThat(tickets.attachments(ticket)).extracting(Attachment::contentType).containsExactly("image/png");
		browser.screenshot("customer-confirmation-desktop");
	}

	@Test
	@Order(2)
	void filesAFeatureRequestWithAScreenshot() {
		browser.find(By.linkText("File another ticket")).click();
		browser.find(By.id("choose-feature")).click();
		browser.settled();
		browser.find(By.id("summary")).sendKeys("Excel export " + marker + " for audit reports");
		browser.find(By.id("description")).sendKeys("Export reports to Excel.");
		browser.find(By.id("businessValue")).sendKeys("Would save 2 hours per report");
		browser.find(By.id("useCase")).sendKeys("Management prefers Excel");
		attach("mockup.jpg", TestImages.jpeg());

		String key = submit();

		Ticket ticket = tickets.get(key);
		assertThat(ticket.type()).isEqualTo(TicketType.FEATURE);
		assertThat(ticket.businessValue()).isEqualTo("Would save 2 hours per report");
		assertThat(ticket.priority()).as("the default").isEqualTo(Priority.MEDIUM);
		assertThat(tickets.attachments(ticket)).extracting(Attachment::contentType).containsExactly("image/jpeg");
	}

	@Test
	@Order(3)
	void filesASupportTicketWithAScreenshot() {
		browser.open("/support/new/support");
		browser.settled();
		browser.find(By.id("summary")).sendKeys("Invoice " + marker + " charged twice");
		new Select(browser.find(By.id("category"))).selectByValue("billing");
		browser.find(By.id("description")).sendKeys("Our November invoice lists the plan twice.");
		attach("invoice.gif", TestImages.gif());

		String key = submit();

		Ticket ticket = tickets.get(key);
		assertThat(ticket.type()).isEqualTo(TicketType.SUPPORT);
		assertThat(ticket.category()).isEqualTo(SupportCategory.BILLING);
		assertThat(tickets.attachments(ticket)).extracting(Attachment::contentType).containsExactly("image/gif");
	}

	@Test
	@Order(4)
	void findsThemUnderMyTicketsWithFiltersAndSearch() {
		browser.find(By.linkText("My Tickets")).click();
		WebElement search = browser.find(By.id("q"));
		search.sendKeys(marker);
		browser.waitUntil(d -> browser.path().contains("q=" + marker) && keysShown().size() == 3);
		assertThat(keysShown()).containsExactlyInAnyOrderElementsOf(filed);
		browser.screenshot("customer-my-tickets-desktop");

		new Select(browser.find(By.id("type"))).selectByValue("Bug");
		browser.waitUntil(d -> browser.path().contains("type=Bug") && keysShown().size() == 1);
		assertThat(keysShown()).containsExactly(filed.get(0));
		WebElement card = browser.find(By.cssSelector(".ticket-card[data-key='" + filed.get(0) + "']"));
		assertThat(card.findElement(By.cssSelector(".badge.status-open")).getText()).isEqualTo("Open");
		assertThat(card.findElement(By.cssSelector(".badge.priority-high")).getText()).isEqualTo("High");

		new Select(browser.find(By.id("status"))).selectByValue("Closed");
		browser.waitUntil(d -> browser.path().contains("status=Closed") && keysShown().isEmpty());
		new Select(browser.find(By.id("status"))).selectByValue("Open");
		browser.waitUntil(d -> keysShown().size() == 1);

		card = browser.find(By.cssSelector(".ticket-card[data-key='" + filed.get(0) + "'] a.ticket-link"));
		card.click();
		browser.waitUntil(d -> browser.path().equals("/tickets/" + filed.get(0)));
		WebElement thumbnail = browser.find(By.cssSelector(".thumbnails img"));
		browser.waitUntil(d -> ((Number) browser.script("return arguments[0].naturalWidth", thumbnail)).intValue() > 0);
		assertThat(browser.find(By.cssSelector(".ticket-head h1")).getText()).contains(marker);
		browser.find(By.id("comment")).sendKeys("It also happens in Firefox.");
		browser.find(By.id("send-reply")).click();
		browser.waitForText(By.cssSelector(".notice"), "Your reply was added.");
		assertThat(browser.find(By.cssSelector(".comments")).getText()).contains("It also happens in Firefox.");
		browser.screenshot("customer-ticket-desktop");
	}

	@Test
	@Order(5)
	void worksAtPhoneWidthWithoutSidewaysScrolling() {
		browser.size(Browser.PHONE);
		try {
			for (String[] page : new String[][] { { "/support", "customer-support-center-375" },
					{ "/support/new/bug", "customer-bug-form-375" }, { "/tickets?q=" + marker, "customer-my-tickets-375" },
					{ "/tickets/" + filed.get(0), "customer-ticket-375" } }) {
				browser.open(page[0]);
				browser.settled();
				assertThat(browser.viewportWidth()).isLessThanOrEqualTo(375);
				assertThat(browser.scrollWidth()).as("no sideways scrolling on " + page[0])
					.isLessThanOrEqualTo(browser.viewportWidth());
				browser.screenshot(page[1]);
			}
		}
		finally {
			browser.size(Browser.DESKTOP);
		}
	}

	@Test
	@Order(6)
	void theFormTellsWhatIsMissingAndSuggestsSimilarTicketsBeforeFiling() {
		search.awaitCurrent();
		browser.open("/support/new/bug");
		browser.settled();

		browser.find(By.id("submit-ticket")).click();
		assertThat(browser.find(By.id("summary-error")).getText()).isEqualTo("Give your ticket a short summary.");
		assertThat(browser.find(By.id("summary")).getDomAttribute("aria-invalid")).isEqualTo("true");
		assertThat(browser.path()).as("checked in the page, nothing sent").isEqualTo("/support/new/bug");
		assertThat(browser.driver().switchTo().activeElement().getDomAttribute("id")).isEqualTo("summary");

		browser.find(By.id("summary")).sendKeys("Export " + marker + " PDF blank");
		WebElement suggestion = browser.find(By.cssSelector("#suggestions a[href='/tickets/" + filed.get(0) + "']"));
		assertThat(suggestion.getText()).contains(filed.get(0));
		browser.screenshot("customer-suggestions-desktop");

		browser.find(By.id("screenshots")).sendKeys(
				TestImages.write(FILES, "notes.png", "not an image".getBytes()).toString());
		assertThat(browser.find(By.id("screenshots-error")).getText()).contains("is not a PNG, JPEG, GIF or WebP image");
		browser.find(By.cssSelector(".preview button")).click();
		browser.waitUntil(d -> browser.driver().findElements(By.cssSelector(".preview")).isEmpty());
		assertThat(browser.driver().findElement(By.id("screenshots-error")).getText()).isEmpty();

		// Dropped onto the box rather than picked: the same previews and checks.
		browser.script("const bytes = Uint8Array.from(atob(arguments[0]), c => c.charCodeAt(0));"
				+ "const transfer = new DataTransfer();"
				+ "transfer.items.add(new File([bytes], 'dropped.png', { type: 'image/png' }));"
				+ "const zone = document.querySelector('[data-dropzone]');"
				+ "zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));"
				+ "zone.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));",
				java.util.Base64.getEncoder().encodeToString(TestImages.png()));
		assertThat(browser.find(By.cssSelector(".preview img")).getDomAttribute("alt")).isEqualTo("Preview of dropped.png");
		assertThat((Long) browser.script("return document.getElementById('screenshots').files.length")).isEqualTo(1L);
	}

	@Test
	@Order(7)
	void canBeUsedWithTheKeyboardAlone() {
		browser.open("/support");
		browser.settled();
		press(Keys.TAB);
		assertThat(active().getText()).isEqualTo("Skip to content");
		press(Keys.ENTER);
		assertThat(active().getDomAttribute("id")).isEqualTo("main");
		tabUntil("choose-bug");
		press(Keys.ENTER);
		browser.waitUntil(d -> browser.path().equals("/support/new/bug"));
		browser.settled();

		List<String> order = new ArrayList<>();
		press(Keys.TAB);
		for (int i = 0; i < 40 && !"submit-ticket".equals(active().getDomAttribute("id")); i++) {
			order.add(active().getDomAttribute("id"));
			press(Keys.TAB);
		}
		assertThat(order).containsSubsequence("summary", "priority-medium", "description", "stepsToReproduce",
				"expectedBehavior", "actualBehavior", "environment", "screenshots");

		tabUntil("summary");
		press("Keyboard " + marker + " only");
		tabUntil("description");
		press("Filed without a mouse.");
		tabUntil("submit-ticket");
		press(Keys.ENTER);
		String key = browser.find(By.id("ticket-key")).getText();
		assertThat(tickets.get(key).summary()).isEqualTo("Keyboard " + marker + " only");
	}

	private WebElement active() {
		return browser.driver().switchTo().activeElement();
	}

	/** Keys to whatever has the focus, as a person types them (not into a particular element). */
	private void press(CharSequence keys) {
		new Actions(browser.driver()).sendKeys(keys).perform();
	}

	private WebElement tabUntil(String id) {
		for (int i = 0; i < 60; i++) {
			if (id.equals(active().getDomAttribute("id"))) {
				return active();
			}
			press(Keys.TAB);
		}
		throw new AssertionError("Never reached #" + id + " with the Tab key");
	}

	private void attach(String name, byte[] content) {
		Path file = TestImages.write(FILES, name, content);
		browser.find(By.id("screenshots")).sendKeys(file.toString());
		WebElement preview = browser.find(By.cssSelector(".preview img"));
		assertThat(preview.getDomAttribute("alt")).isEqualTo("Preview of " + name);
		assertThat(browser.driver().findElement(By.id("screenshots-error")).getText()).isEmpty();
	}

	private String submit() {
		browser.find(By.id("submit-ticket")).click();
		String key = browser.find(By.id("ticket-key")).getText();
		assertThat(key).matches("[A-Z][A-Z0-9_]*-\\d+");
		assertThat(browser.find(By.id("confirmation-title")).getText()).startsWith("Thank you");
		filed.add(key);
		return key;
	}

	private List<String> keysShown() {
		return browser.script("return Array.from(document.querySelectorAll('#ticket-list .ticket-card'))"
				+ ".map(card => card.getAttribute('data-key'))");
	}

}
