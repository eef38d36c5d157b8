package io.bugbridge.notify;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import io.bugbridge.support.ApiClient;
import io.bugbridge.support.ApiClient.Response;
import io.bugbridge.support.TestSlackWebhook;
import io.bugbridge.support.TestSmtpServer;
import io.bugbridge.ticket.Actor;
import io.bugbridge.ticket.NewComment;
import io.bugbridge.ticket.Origin;
import io.bugbridge.ticket.Status;
import io.bugbridge.ticket.TicketService;
import io.bugbridge.ticket.TicketUpdate;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static io.bugbridge.support.TestSmtpServer.everything;
import static io.bugbridge.support.TestSmtpServer.part;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Who is told what, by e-mail (a real SMTP server in the test JVM) and Slack (a local webhook),
 * driven through the HTTP API and the ticket service. Runs once per database: see the subclasses.
 * Every test uses customers and ticket summaries of its own, so tests never see each other's mail.
 */
@TestPropertySource(properties = { "bugbridge.notify.from=BugBridge Support <support@bugbridge.example>",
		"bugbridge.notify.admin-recipients=" + NotificationContract.OPS + ", " + NotificationContract.LEAD,
		"bugbridge.notify.portal-url=https://portal.example", "bugbridge.notify.retry.max-attempts=4",
		"bugbridge.notify.retry.initial-backoff=200ms", "bugbridge.notify.retry.max-backoff=1s",
		"bugbridge.jobs.polling-interval=200ms",
		// Short enough for a quick test, long enough that waiting for it would show in a request.
		"spring.mail.properties[mail.smtp.timeout]=3000" })
abstract class NotificationContract {

	static final String OPS = "ops@bugbridge.example";

	static final String LEAD = "lead@bugbridge.example";

	static final TestSmtpServer smtp = TestSmtpServer.start();

	static final TestSlackWebhook slack = TestSlackWebhook.start();

	@DynamicPropertySource
	static void endpoints(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", smtp::port);
		registry.add("bugbridge.notify.slack.webhook-url", slack::url);
	}

	@LocalServerPort
	int port;

	@Autowired
	TicketService tickets;

	@Autowired
	AdminNotifications adminNotifications;

	@Autowired
	NotificationLog log;

	@Autowired
	PlatformTransactionManager transactionManager;

	ApiClient api;

	final String run = UUID.randomUUID().toString().substring(0, 8);

	final String customer = "cust-" + run;

	final String alice = "alice-" + run + "@acme.example";

	final Actor agent = new Actor("agent-1", "agent@bugbridge.example", "Agent Smith", Actor.Kind.STAFF);

	@BeforeEach
	void setUp() {
		api = new ApiClient(port);
		smtp.up();
		slack.answer(200);
	}

	@AfterEach
	void serversBackUp() {
		smtp.up();
		slack.answer(200);
	}

	Response file(String priority, String summary) {
		return api.post("/api/jira/bug-report", ApiClient.customerToken(alice, customer), """
				{"summary": "%s", "description": "It <b>broke</b> & stayed broken", "priority": "%s"}"""
			.formatted(summary, priority));
	}

	String fileBug(String priority, String summary) {
		Response created = file(priority, summary);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.json().get("key").asString();
	}

	List<MimeMessage> awaitMails(String address, int count) {
		await().atMost(Duration.ofSeconds(30)).until(() -> smtp.messagesTo(address).size() >= count);
		return smtp.messagesTo(address);
	}

	/** This test's mail about a ticket: keys repeat across the H2 and PostgreSQL runs, the run id does not. */
	List<MimeMessage> mailsAbout(String address, String key) {
		return smtp.messagesTo(address)
			.stream()
			.filter(m -> subject(m).contains("[" + key + "]") && subject(m).contains(run))
			.toList();
	}

	List<String> slackAbout(String text) {
		return slack.texts().stream().filter(t -> t.contains(text) && t.contains(run)).toList();
	}

	static String subject(MimeMessage message) {
		try {
			return message.getSubject();
		}
		catch (jakarta.mail.MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	// --- Customers ---

	@Test
	void aPublicStaffReplyIsMailedToTheCustomer() throws Exception {
		String key = fileBug("Low", "Export fails " + run);

		tickets.addComment(key, NewComment.publicComment("Fixed in 2.3. <script>alert(1)</script>\nPlease retry."),
				agent);

		MimeMessage mail = awaitMails(alice, 1).get(0);
		assertThat(mail.getSubject()).isEqualTo("[" + key + "] New reply: Export fails " + run);
		assertThat(mail.getFrom()[0].toString()).isEqualTo("BugBridge Support <support@bugbridge.example>");
		assertThat(mail.getHeader("Auto-Submitted")).containsExactly("auto-generated");
		// Customers see staff as the support team, never by name or e-mail address.
		assertThat(everything(mail)).doesNotContain("Agent Smith").doesNotContain("agent@bugbridge.example");
		assertThat(part(mail, "text/plain")).contains("Support team replied on your ticket " + key)
			.contains("Fixed in 2.3. <script>alert(1)</script>\nPlease retry.")
			.contains("https://portal.example/tickets/" + key);
		assertThat(part(mail, "text/html")).contains("Fixed in 2.3. &lt;script&gt;alert(1)&lt;/script&gt;")
			.doesNotContain("<script>")
			.contains("href=\"https://portal.example/tickets/" + key + "\"");
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(log.forTicket(key)).singleElement().satisfies(n -> {
				assertThat(n.kind()).isEqualTo(Kind.CUSTOMER_COMMENT);
				assertThat(n.recipient()).isEqualTo(alice);
				assertThat(n.status()).isEqualTo(Notification.Status.SENT);
				assertThat(n.attempts()).isEqualTo(1);
				assertThat(n.subject()).isEqualTo(mail.getSubject());
			}));
	}

	@Test
	void internalCommentsAndTheCustomersOwnRepliesAreNeverMailed() {
		String key = fileBug("Low", "Login loops " + run);
		String secret = "SECRET-" + run + " customer is on the legacy plan";

		tickets.addComment(key, new NewComment(secret, true), agent);
		Response own = api.post("/api/jira/ticket/" + key + "/comment", ApiClient.customerToken(alice, customer),
				"{\"comment\":\"Still looping\"}");

		assertThat(own.status()).isEqualTo(201);
		// Queuing is synchronous: no row now means no message ever.
		assertThat(log.forTicket(key)).isEmpty();
	}

	@Test
	void aStatusMailQuotesTheLatestPublicReplyNeverTheLatestInternalComment() {
		String key = fileBug("Medium", "Invoices missing " + run);
		String secret = "SECRET-" + run + " blame the CSV writer";
		tickets.addComment(key, NewComment.publicComment("We are on it."), agent);
		tickets.addComment(key, new NewComment(secret, true), agent);

		tickets.update(key, TicketUpdate.status(Status.IN_PROGRESS), agent, Origin.LOCAL);
		tickets.update(key, TicketUpdate.status(Status.RESOLVED), agent, Origin.LOCAL);

		List<MimeMessage> mails = awaitMails(alice, 3);
		assertThat(mails).extracting(NotificationContract::subject)
			.containsExactlyInAnyOrder("[" + key + "] New reply: Invoices missing " + run,
					"[" + key + "] Now In Progress: Invoices missing " + run,
					"[" + key + "] Resolved: Invoices missing " + run);
		assertThat(mails).allSatisfy(mail -> assertThat(everything(mail)).doesNotContain("SECRET-" + run)
			.doesNotContain("CSV writer"));
		MimeMessage status = mails.stream().filter(m -> subject(m).contains("Now In Progress")).findFirst().orElseThrow();
		assertThat(part(status, "text/plain")).contains("moved from Open to In Progress")
			.contains("Latest reply from Support team:\n\nWe are on it.")
			.doesNotContain("Agent Smith");
	}

	@Test
	void aStatusChangeIsMailedAndAResolutionFromTheTrackerAsksForARating() {
		String key = fileBug("High", "Sync stalls " + run);

		tickets.update(key, TicketUpdate.status(Status.IN_PROGRESS), agent, Origin.LOCAL);
		MimeMessage progress = awaitMails(alice, 1).get(0);
		// Resolved in Jira and synced back: the customer hears of it without anyone copying it by hand.
		tickets.update(key, TicketUpdate.status(Status.RESOLVED), Actor.SYSTEM, Origin.TRACKER);
		List<MimeMessage> mails = awaitMails(alice, 2);

		assertThat(subject(progress)).isEqualTo("[" + key + "] Now In Progress: Sync stalls " + run);
		assertThat(part(progress, "text/plain")).contains("moved from Open to In Progress").doesNotContain("rate=1");
		MimeMessage resolved = mails.stream().filter(m -> m != progress && subject(m).contains("Resolved"))
			.findFirst()
			.orElseThrow();
		assertThat(subject(resolved)).isEqualTo("[" + key + "] Resolved: Sync stalls " + run);
		String ratingLink = "https://portal.example/tickets/" + key + "?rate=1";
		assertThat(part(resolved, "text/plain")).contains("is now Resolved").contains(ratingLink);
		assertThat(part(resolved, "text/html")).contains("href=\"" + ratingLink + "\"");
		assertThat(log.forTicket(key)).extracting(Notification::kind)
			.containsExactly(Kind.ADMIN_NEW_TICKET, Kind.ADMIN_NEW_TICKET, Kind.ADMIN_NEW_TICKET,
					Kind.CUSTOMER_STATUS, Kind.CUSTOMER_RESOLVED);
	}

	@Test
	void nothingIsQueuedWhenTheChangeRollsBack() {
		String key = fileBug("Low", "Rollback " + run);

		new TransactionTemplate(transactionManager).executeWithoutResult(tx -> {
			tickets.addComment(key, NewComment.publicComment("Never committed"), agent);
			tx.setRollbackOnly();
		});

		assertThat(log.forTicket(key)).isEmpty();
		assertThat(tickets.comments(tickets.get(key), true)).isEmpty();
	}

	// --- Admins ---

	@Test
	void adminsHearOfANewCriticalTicketByMailAndSlackButNotOfALowOne() {
		String critical = fileBug("Critical", "Everything is down " + run);
		String low = fileBug("Low", "Typo on the login page " + run);

		for (String admin : List.of(OPS, LEAD)) {
			await().atMost(Duration.ofSeconds(30)).until(() -> mailsAbout(admin, critical).size() == 1);
			MimeMessage mail = mailsAbout(admin, critical).get(0);
			assertThat(subject(mail)).isEqualTo("[" + critical + "] New Critical bug: Everything is down " + run);
			assertThat(part(mail, "text/plain")).contains("Reporter: " + alice + " (customer " + customer + ")")
				.contains("It <b>broke</b> & stayed broken");
			assertThat(part(mail, "text/html")).contains("It &lt;b&gt;broke&lt;/b&gt; &amp; stayed broken");
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> slackAbout(critical).size() == 1);
		assertThat(slackAbout(critical).get(0)).startsWith(":rotating_light: *New Critical bug* <https://portal.example/tickets/"
				+ critical + "|" + critical + ">: Everything is down " + run);
		assertThat(log.forTicket(low)).isEmpty();
		assertThat(mailsAbout(OPS, low)).isEmpty();
		assertThat(slackAbout(low)).isEmpty();
	}

	@Test
	void aRequestDoesNotWaitForAStuckMailServerAndTheMailFollowsExactlyOnceWhenItIsBack() {
		smtp.hang();

		long started = System.nanoTime();
		String key = fileBug("High", "Payments rejected " + run);
		Duration took = Duration.ofNanos(System.nanoTime() - started);

		// Sending in the request would have taken at least the 3 s SMTP timeout.
		assertThat(took).isLessThan(Duration.ofMillis(2500));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> log.forTicket(key).stream().anyMatch(n -> n.channel() == Channel.EMAIL && n.lastError() != null));
		assertThat(log.forTicket(key)).filteredOn(n -> n.channel() == Channel.EMAIL)
			.allSatisfy(n -> assertThat(n.status()).isEqualTo(Notification.Status.PENDING));

		smtp.up();

		await().atMost(Duration.ofSeconds(30)).until(() -> log.forTicket(key)
			.stream()
			.allMatch(n -> n.status() == Notification.Status.SENT));
		assertThat(log.forTicket(key)).filteredOn(n -> n.channel() == Channel.EMAIL)
			.hasSize(2)
			.allSatisfy(n -> assertThat(n.attempts()).isGreaterThan(1));
		assertThat(mailsAbout(OPS, key)).hasSize(1);
		assertThat(mailsAbout(LEAD, key)).hasSize(1);
	}

	@Test
	void slaBreachesReachAdminsOnceHoweverOftenTheyAreReported() {
		String key = fileBug("Medium", "Reports are slow " + run);
		Instant due = Instant.now().minus(Duration.ofMinutes(125)).truncatedTo(ChronoUnit.MINUTES);

		adminNotifications.slaBreached(key, "first response", due);
		adminNotifications.slaBreached(key, "first response", due);
		adminNotifications.slaBreached(key.toLowerCase(), "first response", due);

		await().atMost(Duration.ofSeconds(30))
			.until(() -> mailsAbout(OPS, key).size() == 1 && mailsAbout(LEAD, key).size() == 1
					&& slackAbout(key).size() == 1);
		MimeMessage mail = mailsAbout(OPS, key).get(0);
		assertThat(subject(mail)).isEqualTo("[" + key + "] SLA breached (first response): Reports are slow " + run);
		assertThat(part(mail, "text/plain")).contains("(Medium, Open) missed its first response target")
			.contains("ago)");
		assertThat(slackAbout(key).get(0)).startsWith(":alarm_clock: *SLA breached: first response* <https://portal.example/tickets/" + key);
		assertThat(log.forTicket(key)).extracting(n -> n.kind() + " " + n.recipient())
			.containsExactlyInAnyOrder("ADMIN_SLA_BREACH " + OPS, "ADMIN_SLA_BREACH " + LEAD, "ADMIN_SLA_BREACH slack");
		assertThat(mailsAbout(LEAD, key)).hasSize(1);
	}

	@Test
	void theWeeklyReportReachesAdminsAsHtmlWithMarkdownAlternativeAndOnSlack() {
		String subject = "BugBridge weekly report " + run;

		adminNotifications.weeklyReport(subject, "# Week " + run + "\n\n* 12 new tickets",
				"<h1>Week " + run + "</h1><ul><li>12 new tickets</li></ul>");

		await().atMost(Duration.ofSeconds(30))
			.until(() -> slackAbout(subject).size() == 1 && reports(OPS, subject).size() == 1
					&& reports(LEAD, subject).size() == 1);
		MimeMessage mail = reports(OPS, subject).get(0);
		assertThat(part(mail, "text/plain")).isEqualTo("# Week " + run + "\n\n* 12 new tickets\n");
		assertThat(part(mail, "text/html")).contains("<h1>Week " + run + "</h1><ul><li>12 new tickets</li></ul>");
		assertThat(slackAbout(subject).get(0)).isEqualTo("*" + subject + "*\n# Week " + run + "\n\n* 12 new tickets");
	}

	@Test
	void aDeliveryThatKeepsFailingIsGivenUpAfterTheLastAttemptAndRecorded() {
		slack.answer(500);
		String subject = "Report that Slack refuses " + run;

		adminNotifications.weeklyReport(subject, "text", "<p>text</p>");

		await().atMost(Duration.ofSeconds(60)).until(() -> slackNotification(subject).status() == Notification.Status.FAILED);
		Notification failed = slackNotification(subject);
		assertThat(failed.attempts()).isEqualTo(4);
		assertThat(failed.lastError()).isEqualTo("Slack answered HTTP 500: no_service").doesNotContain("not-a-real-secret");
		assertThat(slackAbout(subject)).hasSize(4);
	}

	@Test
	void aWebhookSlackNoLongerKnowsIsNotRetried() {
		slack.answer(404);
		String subject = "Report for a revoked webhook " + run;

		adminNotifications.weeklyReport(subject, "text", "<p>text</p>");

		await().atMost(Duration.ofSeconds(30)).until(() -> slackNotification(subject).status() == Notification.Status.FAILED);
		assertThat(slackNotification(subject).attempts()).isEqualTo(1);
		assertThat(slackAbout(subject)).hasSize(1);
	}

	List<MimeMessage> reports(String admin, String subject) {
		return smtp.messagesTo(admin).stream().filter(m -> subject(m).equals(subject)).toList();
	}

	Notification slackNotification(String reportSubject) {
		return log.latest(Kind.ADMIN_WEEKLY_REPORT, 50)
			.stream()
			.filter(n -> n.channel() == Channel.SLACK && n.sourceEvent().equals("report " + reportSubject))
			.findFirst()
			.orElseThrow();
	}

}
