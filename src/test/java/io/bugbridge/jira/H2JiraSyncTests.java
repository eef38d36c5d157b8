package io.bugbridge.jira;

import io.bugbridge.support.ApiTest;
import io.bugbridge.support.Browser;
import io.bugbridge.support.OnH2;
import io.bugbridge.support.TestAccounts;
import io.bugbridge.ticket.Ticket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The Jira sync on the embedded H2 database; the admin pages' side of it in a browser (once, here). */
@ApiTest
@OnH2
@DirtiesContext
class H2JiraSyncTests extends JiraSyncContract {

	static final JiraSimulator JIRA = new JiraSimulator();

	@DynamicPropertySource
	static void jira(DynamicPropertyRegistry registry) {
		JiraTestProperties.register(registry, JIRA);
	}

	@AfterAll
	static void stopJira() {
		JIRA.close();
	}

	@Override
	JiraSimulator jira() {
		return JIRA;
	}

	@Test
	void theManagePageShowsARefusalAndItsRetryButtonSendsTheTicketToJira() {
		jira().refuseCreates = true;
		Ticket ticket = ticket(file("Refused until the admin retries").json().get("key").asString());
		await().atMost(PATIENCE).until(() -> deadLettersOf(ticket) == 1 && outbox.backlogOf(ticket.id()) == 0);
		try (Browser admin = Browser.start(port)) {
			admin.signIn(TestAccounts.ADMIN);
			admin.size(Browser.DESKTOP);
			admin.open("/admin/tickets/" + ticket.key());
			assertThat(admin.find(By.id("sync-detail")).getText()).contains("Jira refused", "Component/s is required",
					"then retry");
			admin.screenshot("support-manage-jira-refused");

			jira().refuseCreates = false;
			admin.find(By.id("retry-sync")).click();

			admin.waitForText(By.id("sync-notice"), "Retrying: 1 refused change sent again.");
			// The line refreshes itself until Jira has the ticket, then names the issue.
			admin.waitUntil(java.time.Duration.ofSeconds(60),
					d -> d.findElement(By.id("sync-detail")).getText().startsWith("As AURA-"));
			assertThat(admin.driver().findElements(By.id("retry-sync"))).isEmpty();
			admin.screenshot("support-manage-jira-retried");
			String issueKey = outbox.link(ticket.id()).orElseThrow().issueKey();
			assertThat(admin.find(By.id("sync-detail")).getText()).contains(issueKey);
			assertThat(jira().issuesLabelled("bb-" + ticket.id())).hasSize(1);

			admin.open("/admin/tickets/" + issueKey);
			assertThat(admin.find(By.id("history")).getText()).contains("retried the Jira sync: 1 refused change sent again");
		}
	}

	@Test
	void anAdminsEditOfSummaryAndDescriptionIsKeptInTheHistoryAndMirroredToJira() {
		Ticket ticket = synced(file("Sumary with a typo").json().get("key").asString());
		try (Browser admin = Browser.start(port)) {
			admin.signIn(TestAccounts.ADMIN);
			admin.size(Browser.DESKTOP);
			admin.open("/admin/tickets/" + ticket.key());
			admin.find(By.cssSelector("details.edit-text summary")).click();
			admin.find(By.id("edit-summary")).clear();
			admin.find(By.id("edit-summary")).sendKeys("Summary without the typo");
			admin.find(By.id("edit-description")).clear();
			admin.find(By.id("edit-description")).sendKeys("Connecting fails since Monday, on every browser.");
			admin.find(By.id("save-text")).click();

			admin.waitForText(By.cssSelector(".notice"), "Summary and description saved.");
			assertThat(admin.find(By.id("modal-title")).getText()).isEqualTo("Summary without the typo");
			assertThat(admin.find(By.id("history")).getText())
				.contains("summary: Sumary with a typo → Summary without the typo", "description:");
			admin.screenshot("support-manage-text-edited");
		}
		await().atMost(PATIENCE).untilAsserted(() -> {
			JiraSimulator.Issue issue = issueOf(ticket);
			assertThat(issue.summary).isEqualTo("Summary without the typo");
			assertThat(issue.descriptionText()).contains("Connecting fails since Monday, on every browser.");
		});
		assertThat(jira().requests()).anyMatch(r -> r.startsWith("PUT /rest/api/3/issue/"));
		assertThat(jira().issuesLabelled("bb-" + ticket.id())).hasSize(1);
	}

}
