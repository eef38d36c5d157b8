package io.bugbridge.ui;

import java.util.Map;
import java.util.UUID;

import io.bugbridge.search.TicketSearch;
import io.bugbridge.support.ApiTest;
import io.bugbridge.support.FakeIntegrations;
import io.bugbridge.support.OnH2;
import io.bugbridge.support.TestAccounts;
import io.bugbridge.support.WebSession;
import io.bugbridge.ticket.Actor;
import io.bugbridge.ticket.NewTicket;
import io.bugbridge.ticket.Priority;
import io.bugbridge.ticket.Ticket;
import io.bugbridge.ticket.TicketService;
import io.bugbridge.ticket.TicketType;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With Jira and an analysis engine installed (stand-ins): "View in Jira" links on every page that
 * shows a ticket, and the analysis buttons' rules. Shares its context with {@link AdminBrowserTests}.
 */
@ApiTest
@OnH2
@Import(FakeIntegrations.class)
class IntegrationLinksTests {

	@LocalServerPort
	int port;

	@Autowired
	TicketService tickets;

	@Autowired
	TicketSearch search;

	Ticket file(TicketType type) {
		return tickets.create(new NewTicket(type, "Linked " + UUID.randomUUID(), "d", Priority.LOW, TestAccounts.ALICE,
				null, TestAccounts.ACME, null, null, null, null, null, null, null),
				new Actor(TestAccounts.ALICE, TestAccounts.ALICE, null, Actor.Kind.CUSTOMER));
	}

	@Test
	void everyViewOfATicketLinksToItInJira() {
		Ticket ticket = file(TicketType.BUG);
		search.awaitCurrent();
		WebSession alice = WebSession.signedIn(port, TestAccounts.ALICE);
		WebSession admin = WebSession.signedIn(port, TestAccounts.ADMIN);
		String jira = FakeIntegrations.JIRA + ticket.key();

		assertThat(alice.get("/tickets/" + ticket.key()).html().select("#view-in-jira").attr("href")).isEqualTo(jira);
		assertThat(alice.get("/tickets").html().select("a.jira-link[href=" + jira + "]")).hasSize(1);
		assertThat(alice.get("/support/filed/" + ticket.key()).html().select("a[href=" + jira + "]").text())
			.isEqualTo("View in Jira");
		assertThat(admin.get("/admin?q=" + ticket.summary().substring(7)).html()
			.select("tr[data-key=" + ticket.key() + "] a[href=" + jira + "]").text()).isEqualTo("View in Jira");
		assertThat(admin.get("/admin/tickets/" + ticket.key()).html().select("a[href=" + jira + "]")).hasSize(1);
	}

	@Test
	void onlyBugsAreAnalysedAndAutoFixSaysWhyItIsOff() {
		Ticket feature = file(TicketType.FEATURE);
		Ticket bug = file(TicketType.BUG);
		search.awaitCurrent();
		WebSession admin = WebSession.signedIn(port, TestAccounts.ADMIN);
		Document dashboard = admin.get("/admin?q=" + feature.summary().substring(7)).html();

		assertThat(dashboard.select("tr[data-key=" + feature.key() + "] button[aria-disabled=true]").first().text())
			.isEqualTo("Analyze offline (unavailable: Only bug reports are analysed.)");
		// Auto-Fix's own check names what is missing (no Claude key, repository or GitHub here).
		assertThat(dashboard.select("#autofix-note").text()).contains(FakeIntegrations.AUTO_FIX_NEEDS);
		assertThat(admin.htmxPost("/admin/tickets/" + feature.key() + "/analysis", Map.of()).html()
			.select("[role=alert]").text()).isEqualTo("Only bug reports are analysed.");
		assertThat(admin.htmxPost("/admin/tickets/" + bug.key() + "/auto-fix", Map.of()).html().select("[role=alert]")
			.text()).startsWith(FakeIntegrations.AUTO_FIX_NEEDS);

		Document started = admin.htmxPost("/admin/tickets/" + bug.key() + "/analysis", Map.of()).html();
		assertThat(started.select("progress")).hasSize(1);
		assertThat(started.select("[hx-trigger='load delay:1s']")).as("polls while it runs").hasSize(1);
	}

}
