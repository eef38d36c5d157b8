package io.bugbridge.jira;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.bugbridge.support.ApiClient;
import io.bugbridge.support.ApiClient.Response;
import io.bugbridge.ticket.Actor;
import io.bugbridge.ticket.Comment;
import io.bugbridge.ticket.NewAttachment;
import io.bugbridge.ticket.Origin;
import io.bugbridge.ticket.Priority;
import io.bugbridge.ticket.Status;
import io.bugbridge.ticket.Ticket;
import io.bugbridge.ticket.TicketService;
import io.bugbridge.ticket.TicketUpdate;
import io.bugbridge.ticket.UrgentBugFiled;
import io.bugbridge.tracker.TicketTracker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Jira sync end to end against the simulator: the service's HTTP API on one side, Jira's
 * REST API and webhooks on the other. Runs once per database (see the subclasses); each test
 * uses customer accounts of its own. Every request the service sends must match Atlassian's
 * OpenAPI description, checked after each test.
 */
abstract class JiraSyncContract {

	static final Duration PATIENCE = Duration.ofSeconds(20);

	@LocalServerPort
	int port;

	@Autowired
	TicketService tickets;

	@Autowired
	TicketTracker tracker;

	@Autowired
	Reconciler reconciler;

	@Autowired
	OutboxRepository outbox;

	@Autowired
	ConfigurableApplicationContext context;

	@Autowired
	JiraAvailability availability;

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	@Autowired
	JiraMetrics metrics;

	ApiClient api;

	final String customer = "cust-" + UUID.randomUUID();

	final String token = ApiClient.customerToken("alice@acme.example", customer);

	final String adminToken = ApiClient.adminToken("admin@bugbridge.example");

	static final List<UrgentBugFiled> urgent = new CopyOnWriteArrayList<>();

	abstract JiraSimulator jira();

	@BeforeEach
	void connect() {
		api = new ApiClient(port);
		jira().heal();
		jira().clearRequests();
		// Each test starts with Jira reachable, whatever the previous one did to the circuit.
		availability.succeeded();
		jira().webhooksEnabled = true;
		jira().sendWebhooksTo("http://127.0.0.1:" + port + "/api/jira/webhook", JiraTestProperties.WEBHOOK_SECRET);
		context.addApplicationListener(event -> {
			if (event instanceof PayloadApplicationEvent<?> payload && payload.getPayload() instanceof UrgentBugFiled u) {
				urgent.add(u);
			}
		});
	}

	@AfterEach
	void everyRequestMatchedJirasApiDescription() {
		jira().heal();
		assertThat(jira().takeViolations()).as("requests that do not match Jira's OpenAPI description").isEmpty();
	}

	String bugJson(String summary, String priority) {
		return """
				{"summary": "%s", "description": "Connecting fails since Monday.", "priority": "%s",
				 "environment": "Chrome 120, MacOS", "steps_to_reproduce": "1. Click Connect QuickBooks\\n2. Enter credentials",
				 "expected_behavior": "Should connect", "actual_behavior": "Shows 'Connection failed'"}"""
			.formatted(summary, priority);
	}

	Response file(String summary) {
		Response response = api.post("/api/jira/bug-report", token, bugJson(summary, "Low"));
		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		return response;
	}

	/**
	 * Files a ticket and waits for its Jira key: on a loaded machine intake may answer with the
	 * provisional key, which Jira (and so the simulator's agent) does not know.
	 */
	String inJira(String summary) {
		return synced(file(summary).json().get("key").asString()).key();
	}

	Ticket ticket(String key) {
		return tickets.findByKey(key).orElseThrow();
	}

	JiraSimulator.Issue issueOf(Ticket ticket) {
		List<JiraSimulator.Issue> issues = jira().issuesLabelled("bb-" + ticket.id());
		assertThat(issues).hasSize(1);
		return issues.get(0);
	}

	Ticket synced(String key) {
		Ticket ticket = ticket(key);
		awaitSynced(ticket);
		return tickets.findById(ticket.id()).orElseThrow();
	}

	void awaitSynced(Ticket ticket) {
		await().atMost(PATIENCE).until(() -> outbox.link(ticket.id()).map(l -> l.issueKey() != null).orElse(false)
				&& outbox.backlogOf(ticket.id()) == 0);
	}

	long deadLettersOf(Ticket ticket) {
		return jdbc.sql("SELECT COUNT(*) FROM jira_outbox WHERE ticket_id = :id AND failed_at IS NOT NULL")
			.param("id", ticket.id())
			.query(Long.class)
			.single();
	}

	// --- Outgoing ---

	@Test
	void aReportBecomesAJiraIssueWithEverySectionAndTheIntakeAnswerCarriesItsKey() {
		Response response = api.post("/api/jira/bug-report", token, bugJson("QuickBooks will not connect", "High"));

		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		JsonNode body = response.json();
		String key = body.get("key").asString();
		assertThat(key).matches("AURA-\\d+");
		assertThat(body.get("sync").asString()).isEqualTo("synced");
		assertThat(body.get("url").asString()).isEqualTo(jira().url() + "/browse/" + key);
		JiraSimulator.Issue issue = jira().issue(key).orElseThrow();
		assertThat(issue.summary).isEqualTo("QuickBooks will not connect");
		assertThat(issue.type).isEqualTo("Bug");
		assertThat(issue.priority()).isEqualTo("High");
		Ticket ticket = ticket(key);
		assertThat(issue.labels()).containsExactlyInAnyOrder("customer-reported", "bug", "bb-" + ticket.id());
		assertThat(issue.customer()).isEqualTo(customer);
		assertThat(issue.property("bugbridge").path("customerId").asString()).isEqualTo(customer);
		assertThat(issue.descriptionText()).contains("Connecting fails since Monday.", "Steps to reproduce",
				"1. Click Connect QuickBooks\n2. Enter credentials", "Expected behavior", "Should connect",
				"Actual behavior", "Shows 'Connection failed'", "Environment", "Chrome 120, MacOS",
				"Reporter: alice@acme.example", "Customer: " + customer);
		// The ticket's provisional key keeps resolving, and the Jira key is the one shown everywhere.
		assertThat(tickets.history(ticket)).anySatisfy(h -> assertThat(h.field()).isEqualTo("key"));
		String provisional = tickets.history(ticket).stream().filter(h -> "key".equals(h.field())).findFirst()
			.orElseThrow().oldValue();
		assertThat(provisional).matches("AURA-P\\d+");
		assertThat(api.get("/api/jira/ticket/" + provisional, token).json().get("key").asString()).isEqualTo(key);
		assertThat(jira().requestCount(r -> r.equals("POST /rest/api/3/issue"))).isPositive();
		assertThat(urgent).anySatisfy(u -> assertThat(u.ticket().id()).isEqualTo(ticket.id()));
	}

	@Test
	void featureAndSupportRequestsUseTheMappedIssueTypes() {
		String feature = api.post("/api/jira/feature-request", token, """
				{"summary": "Excel export", "description": "Export reports", "business_value": "Saves 2 hours",
				 "use_case": "Management prefers Excel"}""").json().get("key").asString();
		String support = api.post("/api/jira/support-ticket", token, """
				{"summary": "Invoice question", "description": "Charges unclear", "category": "billing"}""")
			.json().get("key").asString();

		JiraSimulator.Issue featureIssue = issueOf(synced(feature));
		assertThat(featureIssue.type).isEqualTo("Story");
		assertThat(featureIssue.descriptionText()).contains("Business value", "Saves 2 hours", "Use case",
				"Management prefers Excel");
		JiraSimulator.Issue supportIssue = issueOf(synced(support));
		assertThat(supportIssue.type).isEqualTo("Task");
		assertThat(supportIssue.labels()).contains("support", "customer-reported");
		assertThat(supportIssue.descriptionText()).contains("Category: billing");
	}

	@Test
	void localChangesReachJiraInOrderAndInternalCommentsStayInternal() {
		Ticket ticket = ticket(file("Export is slow").json().get("key").asString());
		Actor agent = new Actor("agent", "agent@bugbridge.example", "Agent", Actor.Kind.STAFF);

		api.post("/api/jira/ticket/" + ticket.key() + "/comment", token, "{\"comment\": \"It happens every morning\"}");
		tracker.postInternalComment(ticket.key(), "Analysis: the export query lacks an index", Actor.SYSTEM);
		tickets.update(ticket.key(), new TicketUpdate(Status.IN_PROGRESS, Priority.CRITICAL,
				Optional.of("dan@acme.example"), null, null), agent, Origin.LOCAL);

		awaitSynced(ticket);
		JiraSimulator.Issue issue = issueOf(ticket);
		assertThat(issue.status()).isEqualTo("In Progress");
		assertThat(issue.priority()).isEqualTo("Highest");
		assertThat(issue.assignee).isEqualTo("557058:dev-dan");
		assertThat(issue.comments()).hasSize(2);
		JsonNode customerComment = issue.comments().get(0);
		assertThat(Adf.toText(customerComment.path("body"))).contains("It happens every morning");
		assertThat(customerComment.has("visibility")).isFalse();
		JsonNode internal = issue.comments().get(1);
		assertThat(Adf.toText(internal.path("body"))).isEqualTo("Analysis: the export query lacks an index");
		assertThat(internal.path("visibility").path("type").asString()).isEqualTo("role");
		// What the service wrote and Jira echoed back by webhook changed nothing locally.
		Ticket after = tickets.get(ticket.key());
		assertThat(after.status()).isEqualTo(Status.IN_PROGRESS);
		assertThat(tickets.comments(after, true)).hasSize(2);
		assertThat(api.get("/api/jira/ticket/" + ticket.key(), token).json().get("comments")).hasSize(1);
	}

	@Test
	void screenshotsAreUploadedAsAttachments() {
		Ticket ticket = ticket(file("With a screenshot").json().get("key").asString());
		byte[] png = new byte[2048];
		// Attachments are recognised by their bytes: a PNG must start with the PNG signature.
		System.arraycopy(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' }, 0, png, 0, 8);

		tickets.addAttachment(ticket.key(), new NewAttachment("login-error.png", "image/png", png),
				new Actor("alice", "alice@acme.example", null, Actor.Kind.CUSTOMER));

		awaitSynced(ticket);
		assertThat(issueOf(ticket).attachments).singleElement().satisfies(a -> {
			assertThat(a.path("filename").asString()).isEqualTo("login-error.png");
			assertThat(a.path("size").asLong()).isEqualTo(2048);
		});
	}

	@Test
	void ticketsWithoutALinkAreLinkedOrSentByReconciliation() {
		// One ticket in Jira whose link was lost (a restored backup), one filed before Jira was connected.
		Ticket linked = synced(file("Link lost").json().get("key").asString());
		jira().down = true;
		Ticket local = ticket(file("Filed in the local era").json().get("key").asString());
		jira().down = false;
		availability.succeeded();
		for (Ticket ticket : List.of(linked, local)) {
			jdbc.sql("DELETE FROM jira_outbox WHERE ticket_id = :id").param("id", ticket.id()).update();
			jdbc.sql("DELETE FROM jira_link WHERE ticket_id = :id").param("id", ticket.id()).update();
		}

		Reconciler.Result result = reconciler.run();

		assertThat(result.backfilled()).isPositive();
		awaitSynced(linked);
		awaitSynced(local);
		assertThat(jira().issuesLabelled("bb-" + linked.id())).hasSize(1);
		assertThat(tickets.findById(linked.id()).orElseThrow().key()).isEqualTo(linked.key());
		assertThat(jira().issuesLabelled("bb-" + local.id())).hasSize(1);
		assertThat(api.get("/api/jira/ticket/" + local.key(), token).json().get("key").asString())
			.isEqualTo(issueOf(local).key());
	}

	@Test
	void aStatusTheWorkflowCannotReachIsRefusedClearlyAndJirasStatusIsShown() {
		Ticket ticket = ticket(file("Blocked transition").json().get("key").asString());
		jira().blockedTransitions.add("To Do->Waiting for Customer");

		tickets.update(ticket.key(), TicketUpdate.status(Status.WAITING_FOR_CUSTOMER), Actor.SYSTEM, Origin.LOCAL);

		await().atMost(PATIENCE).untilAsserted(() -> assertThat(outbox.deadLetters()).isPositive());
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(tickets.get(ticket.key()).status()).isEqualTo(Status.OPEN));
		assertThat(outbox.link(ticket.id()).orElseThrow().lastError()).contains("no transition", "Waiting for Customer");
		assertThat(issueOf(ticket).status()).isEqualTo("To Do");
	}

	@Test
	void slowJiraGetsAPendingAnswerWithinTheBudgetAndTheProvisionalKeyKeepsWorking() {
		jira().latency = Duration.ofMillis(1200);
		Instant start = Instant.now();

		Response response = file("Slow Jira");

		assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofMillis(1500));
		String provisional = response.json().get("key").asString();
		assertThat(provisional).matches("AURA-P\\d+");
		assertThat(response.json().get("sync").asString()).isEqualTo("pending");
		assertThat(response.json().get("url").asString()).endsWith("/tickets/" + provisional);
		Ticket ticket = ticket(provisional);
		awaitSynced(ticket);
		jira().latency = Duration.ZERO;
		Ticket synced = tickets.findByKey(provisional).orElseThrow();
		assertThat(synced.key()).matches("AURA-\\d+");
		assertThat(api.get("/api/jira/ticket/" + provisional, token).json().get("key").asString()).isEqualTo(synced.key());
		assertThat(jira().issuesLabelled("bb-" + ticket.id())).hasSize(1);
	}

	@Test
	void rateLimitingIsHonouredWithRetryAfter() {
		jira().faultsOnly = "POST /rest/api/3/issue";
		jira().rateLimitNext.set(1);
		jira().retryAfterSeconds = 1;
		Instant start = Instant.now();

		Response response = file("Rate limited");

		assertThat(response.json().get("sync").asString()).isEqualTo("pending");
		Ticket ticket = ticket(response.json().get("key").asString());
		awaitSynced(ticket);
		assertThat(Duration.between(start, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(950));
		assertThat(jira().issuesLabelled("bb-" + ticket.id())).hasSize(1);
	}

	@Test
	void aCreateWhoseAnswerWasLostIsFoundNotDuplicated() {
		jira().faultsOnly = "POST /rest/api/3/issue";
		jira().loseAnswerOfNextWrites.set(1);

		Response response = file("Lost answer");

		assertThat(response.json().get("sync").asString()).isEqualTo("pending");
		Ticket ticket = ticket(response.json().get("key").asString());
		awaitSynced(ticket);
		assertThat(jira().issuesLabelled("bb-" + ticket.id())).hasSize(1);
		assertThat(tickets.findById(ticket.id()).orElseThrow().key()).isEqualTo(issueOf(ticket).key());
	}

	@Test
	void aCreateWhoseAnswerWasLostIsFoundWhileJirasSearchIndexLagsBehind() {
		// Longer than the wait before a retry and than the request timeout: only a lookup that waits
		// for the index (bugbridge.jira.search-lag) finds the issue the lost answer was about.
		jira().searchLag = Duration.ofSeconds(4);
		jira().faultsOnly = "POST /rest/api/3/issue";
		jira().loseAnswerOfNextWrites.set(1);

		Response response = file("Lost answer, slow index");

		assertThat(response.json().get("sync").asString()).isEqualTo("pending");
		Ticket ticket = ticket(response.json().get("key").asString());
		awaitSynced(ticket);
		assertThat(jira().issuesLabelled("bb-" + ticket.id())).hasSize(1);
		assertThat(jira().requestCount(r -> r.equals("POST /rest/api/3/issue"))).isEqualTo(1);
		assertThat(tickets.findById(ticket.id()).orElseThrow().key()).isEqualTo(issueOf(ticket).key());
	}

	/**
	 * The create times out, its lookup settles on "none found" and the service creates again; only
	 * then does Jira apply the first create (released by the test), making a second issue with the
	 * ticket's label. Waits for the check booked by the re-create to have run first, so what finds
	 * the duplicate here is the jira:issue_created webhook.
	 */
	Ticket ticketWithALateSecondIssue(String summary) {
		jira().hang = Duration.ofSeconds(4);
		jira().applyNextCreatesLate.set(1);
		Ticket ticket = ticket(file(summary).json().get("key").asString());
		await().atMost(DUPLICATE_PATIENCE).until(() -> outbox.link(ticket.id()).map(l -> l.issueKey() != null).orElse(false)
				&& outbox.backlogOf(ticket.id()) == 0);
		assertThat(jira().lateCreatesWaiting()).as("the first create is still held back").isEqualTo(1);
		await().atMost(DUPLICATE_PATIENCE).until(() -> jdbc
			.sql("SELECT COUNT(*) FROM jira_link WHERE ticket_id = :id AND duplicate_check_at IS NULL")
			.param("id", ticket.id())
			.query(Long.class)
			.single() == 1);
		return ticket;
	}

	static final Duration DUPLICATE_PATIENCE = Duration.ofSeconds(90);

	@Test
	void aCreateJiraAppliesAfterTheLookupSettledLeavesOneIssueBecauseTheServiceDeletesItsDuplicate() {
		double removed = metrics.duplicatesRemoved();
		Ticket ticket = ticketWithALateSecondIssue("Applied late");
		String label = "bb-" + ticket.id();
		String kept = outbox.link(ticket.id()).orElseThrow().issueId();

		String lateKey = jira().applyLateCreates().get(0);
		String lateId = jira().issue(lateKey).orElseThrow().id;
		assertThat(jira().issuesLabelled(label)).hasSize(2);

		// The metric is counted just after the DELETE: wait for both.
		await().atMost(DUPLICATE_PATIENCE).until(() -> jira().issuesLabelled(label).size() == 1
				&& metrics.duplicatesRemoved() == removed + 1);
		JiraSimulator.Issue issue = jira().issuesLabelled(label).get(0);
		assertThat(issue.id).isEqualTo(kept);
		assertThat(jira().requests()).contains("DELETE /rest/api/3/issue/" + lateId);
		assertThat(jira().takeViolations()).as("the DELETE and the checks match Jira's OpenAPI description").isEmpty();
		assertThat(metrics.duplicatesRemoved()).isEqualTo(removed + 1);
		assertThat(tickets.findById(ticket.id()).orElseThrow().key()).isEqualTo(issue.key());
		assertThat(tickets.findByKey(lateKey)).as("the duplicate was not imported as a ticket").isEmpty();

		tracker.postInternalComment(issue.key(), "Seen after the duplicate went", Actor.SYSTEM);
		await().atMost(DUPLICATE_PATIENCE).until(() -> jira().issue(issue.key()).orElseThrow().comments.size() == 1);
	}

	@Test
	void aLateDuplicateThatAPersonCommentedOnIsKeptLinkedAsDuplicateAndReported() {
		double kept = metrics.duplicatesKept();
		Ticket ticket = ticketWithALateSecondIssue("Applied late, then commented");
		String label = "bb-" + ticket.id();
		String keptKey = outbox.link(ticket.id()).orElseThrow().issueKey();
		// No webhooks: a person gets to the duplicate before the service hears of it.
		jira().webhooksEnabled = false;
		String lateKey = jira().applyLateCreates().get(0);
		String lateId = jira().issue(lateKey).orElseThrow().id;
		jira().commentAsAgent(lateKey, "The customer called about this one", false);
		jira().webhooksEnabled = true;

		// The periodic reconciliation sees it (updated recently) and books the check.
		reconciler.run();

		// The note is the last step: once it is there, the link, label and metric are done.
		await().atMost(DUPLICATE_PATIENCE).until(() -> outbox.duplicateNote(ticket.id()).isPresent());
		assertThat(jira().issueLinks()).contains(lateKey + " Duplicate " + keptKey);
		assertThat(jira().issue(lateKey).orElseThrow().labels()).contains("bb-duplicate");
		assertThat(jira().issuesLabelled(label)).hasSize(2);
		assertThat(jira().requests()).doesNotContain("DELETE /rest/api/3/issue/" + lateId);
		assertThat(metrics.duplicatesKept()).isEqualTo(kept + 1);
		assertThat(tickets.findByKey(lateKey)).as("the duplicate was not imported as a ticket").isEmpty();
		Response sync = api.get("/api/jira/admin/issues/" + keptKey + "/sync", adminToken);
		assertThat(sync.status()).as(sync.toString()).isEqualTo(200);
		assertThat(sync.json().path("error").asString("")).contains(lateKey).contains("not deleted")
			.contains("comment by Ann Agent");
	}

	@Test
	void aLateDuplicateJiraWillNotLetTheServiceDeleteIsKeptLinkedAsDuplicateAndReported() {
		jira().refuseDeletes = true;
		Ticket ticket = ticketWithALateSecondIssue("Applied late, delete refused");
		String keptKey = outbox.link(ticket.id()).orElseThrow().issueKey();

		String lateKey = jira().applyLateCreates().get(0);

		await().atMost(DUPLICATE_PATIENCE).until(() -> outbox.duplicateNote(ticket.id()).isPresent());
		assertThat(jira().issue(lateKey)).isPresent();
		assertThat(jira().issueLinks()).contains(lateKey + " Duplicate " + keptKey);
		assertThat(outbox.duplicateNote(ticket.id()).orElseThrow()).contains(lateKey).contains("refused to delete");
	}

	@Test
	void aCreateThatTimedOutIsRetriedWithoutDuplicate() {
		jira().faultsOnly = "POST /rest/api/3/issue";
		jira().hangNext.set(1);
		jira().hang = Duration.ofMillis(3500);

		Ticket ticket = ticket(file("Timed out").json().get("key").asString());

		awaitSynced(ticket);
		assertThat(jira().issuesLabelled("bb-" + ticket.id())).hasSize(1);
	}

	@Test
	void jiraDownForTheIntakeOf500TicketsThenBackGetsEachIntoJiraExactlyOnce() throws Exception {
		jira().down = true;
		ExecutorService pool = Executors.newFixedThreadPool(8);
		List<String> keys = new ArrayList<>();
		try {
			List<Future<Response>> responses = new ArrayList<>();
			for (int i = 0; i < 500; i++) {
				String body = bugJson("Outage ticket " + i, "Low");
				responses.add(pool.submit(() -> api.post("/api/jira/bug-report", token, body)));
			}
			for (Future<Response> future : responses) {
				Response response = future.get();
				assertThat(response.status()).as(response.toString()).isEqualTo(201);
				assertThat(response.json().get("sync").asString()).isEqualTo("pending");
				keys.add(response.json().get("key").asString());
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(new HashSet<>(keys)).hasSize(500).allMatch(k -> k.matches("AURA-P\\d+"));
		long callsWhileDown = jira().requestCount(r -> r.startsWith("POST /rest/api/3/issue"));

		jira().down = false;

		List<Ticket> filed = keys.stream().map(this::ticket).toList();
		await().atMost(Duration.ofSeconds(90)).until(() -> filed.stream()
			.allMatch(t -> outbox.link(t.id()).map(l -> l.issueKey() != null).orElse(false)));
		for (Ticket ticket : filed) {
			assertThat(jira().issuesLabelled("bb-" + ticket.id())).as(ticket.key()).hasSize(1);
			assertThat(api.get("/api/jira/ticket/" + ticket.key(), token).json().get("key").asString())
				.isEqualTo(issueOf(ticket).key());
		}
		// The circuit breaker kept intake from hammering a Jira that was down.
		assertThat(callsWhileDown).isLessThan(50);
	}

	@Test
	void everyLocalStatusIsMirroredAsAJiraTransition() {
		Ticket ticket = synced(file("Walks the workflow").json().get("key").asString());
		// Jira's name for each local status in the simulator's workflow (Open is "To Do" there).
		List<Status> walk = List.of(Status.IN_PROGRESS, Status.WAITING_FOR_CUSTOMER, Status.RESOLVED, Status.CLOSED,
				Status.OPEN);
		List<String> jiraNames = List.of("In Progress", "Waiting for Customer", "Resolved", "Closed", "To Do");

		for (int i = 0; i < walk.size(); i++) {
			tickets.update(ticket.key(), TicketUpdate.status(walk.get(i)), Actor.SYSTEM, Origin.LOCAL);
			awaitSynced(ticket);
			assertThat(issueOf(ticket).status()).as(walk.get(i).label()).isEqualTo(jiraNames.get(i));
		}
		assertThat(deadLettersOf(ticket)).as("nothing refused").isZero();
	}

	// --- Remote links (Auto-Fix's pull request on the issue) ---

	static final String PR_URL = "https://github.com/acme/aura/pull/";

	@Test
	void aRemoteLinkIsAddedOnceAndLinkingTheSameUrlAgainUpdatesIt() {
		Ticket ticket = synced(file("Needs a fix").json().get("key").asString());
		String url = PR_URL + ticket.id();

		tracker.linkWebPage(ticket.key(), url, "Fix: connect QuickBooks again", "Draft pull request by Auto-Fix");

		awaitSynced(ticket);
		assertThat(jira().remoteLinks(ticket.key())).singleElement().satisfies(link -> {
			assertThat(link.path("globalId").asString()).isEqualTo("bugbridge-pr=" + url);
			assertThat(link.path("object").path("url").asString()).isEqualTo(url);
			assertThat(link.path("object").path("title").asString()).isEqualTo("Fix: connect QuickBooks again");
			assertThat(link.path("object").path("summary").asString()).isEqualTo("Draft pull request by Auto-Fix");
			assertThat(link.path("object").path("icon").path("title").asString()).isEqualTo("GitHub");
		});

		tracker.linkWebPage(ticket.key(), url, "Fix: reconnect QuickBooks (ready for review)", null);

		awaitSynced(ticket);
		assertThat(jira().remoteLinks(ticket.key())).singleElement().satisfies(link -> {
			assertThat(link.path("object").path("title").asString()).isEqualTo("Fix: reconnect QuickBooks (ready for review)");
			assertThat(link.path("object").has("summary")).isFalse();
		});
		assertThat(jira().remoteLinkWrites(ticket.key())).isEqualTo(2);
	}

	@Test
	void aRemoteLinkMadeWhileJiraIsDownArrivesOnceJiraIsBackExactlyOnce() {
		Ticket ticket = synced(file("Fixed during an outage").json().get("key").asString());
		String url = PR_URL + ticket.id();
		jira().down = true;

		tracker.linkWebPage(ticket.key(), url, "Fix during the outage", null);

		// The delivery was tried and put off, not lost.
		await().atMost(PATIENCE).until(() -> jira().requestCount(r -> r.endsWith("/remotelink")) > 0
				&& outbox.link(ticket.id()).map(l -> l.attempts() > 0).orElse(false));
		assertThat(outbox.backlogOf(ticket.id())).isEqualTo(1);
		assertThat(jira().remoteLinks(ticket.key())).isEmpty();

		jira().down = false;

		awaitSynced(ticket);
		assertThat(jira().remoteLinks(ticket.key())).singleElement()
			.satisfies(link -> assertThat(link.path("object").path("url").asString()).isEqualTo(url));
		assertThat(jira().remoteLinkWrites(ticket.key())).isEqualTo(1);
	}

	@Test
	void aRemoteLinkOnATicketWhoseCreateIsPendingArrivesAfterTheCreate() {
		jira().down = true;
		Response response = file("Linked before Jira had it");
		String provisional = response.json().get("key").asString();
		assertThat(response.json().get("sync").asString()).isEqualTo("pending");
		Ticket ticket = ticket(provisional);
		String url = PR_URL + ticket.id();

		tracker.linkWebPage(provisional, url, "Early fix", "Opened before the issue existed");

		assertThat(outbox.backlogOf(ticket.id())).isEqualTo(2);
		jira().down = false;
		availability.succeeded();

		awaitSynced(ticket);
		String key = tickets.findById(ticket.id()).orElseThrow().key();
		assertThat(jira().issuesLabelled("bb-" + ticket.id())).as("ticket %d; Jira saw %s", ticket.id(), jira().requests())
			.hasSize(1);
		assertThat(key).isEqualTo(issueOf(ticket).key());
		assertThat(jira().remoteLinks(key)).singleElement()
			.satisfies(link -> assertThat(link.path("object").path("title").asString()).isEqualTo("Early fix"));
		List<String> requests = jira().requests();
		assertThat(requests.indexOf(requests.stream().filter(r -> r.endsWith("/remotelink")).findFirst().orElseThrow()))
			.isGreaterThan(requests.lastIndexOf("POST /rest/api/3/issue"));
		assertThat(jira().remoteLinkWrites(key)).as("ticket %d; Jira saw %s", ticket.id(), requests).isEqualTo(1);
	}

	@Test
	void aRemoteLinkOnAnUnknownTicketOrWithABadUrlIsSkippedWithoutFailing() {
		tracker.linkWebPage("AURA-999999", PR_URL + "1", "Nobody's fix", null);
		Ticket ticket = synced(file("Bad link").json().get("key").asString());
		tracker.linkWebPage(ticket.key(), "javascript:alert(1)", "Not a page", null);
		tracker.linkWebPage(ticket.key(), null, "No url", null);

		assertThat(outbox.backlogOf(ticket.id())).isZero();
		assertThat(jira().remoteLinks(ticket.key())).isEmpty();
	}

	@Test
	void anAdminRetriesARefusedTicketThroughTheApiAndItReachesJiraOnceWithItsChangesInOrder() {
		// The project requires a field the service does not send: every create is refused for good.
		jira().refuseCreates = true;
		Ticket ticket = ticket(file("Refused at first").json().get("key").asString());
		api.post("/api/jira/ticket/" + ticket.key() + "/comment", token, "{\"comment\": \"Still broken today\"}");
		await().atMost(PATIENCE).until(() -> deadLettersOf(ticket) == 2 && outbox.backlogOf(ticket.id()) == 0);
		String sync = "/api/jira/admin/issues/" + ticket.key() + "/sync";
		JsonNode failed = api.get(sync, adminToken).json();
		assertThat(failed.path("state").asString()).isEqualTo("failed");
		assertThat(failed.path("error").asString()).contains("Component/s is required");
		assertThat(jira().issuesLabelled("bb-" + ticket.id())).isEmpty();

		jira().refuseCreates = false;
		Response retried = api.post(sync + "/retry", adminToken, "");

		assertThat(retried.status()).as(retried.toString()).isEqualTo(202);
		assertThat(retried.json().path("refused").asInt()).isEqualTo(2);
		awaitSynced(ticket);
		JiraSimulator.Issue issue = issueOf(ticket);
		assertThat(issue.comments()).singleElement()
			.satisfies(c -> assertThat(Adf.toText(c.path("body"))).contains("Still broken today"));
		JsonNode synced = api.get(sync, adminToken).json();
		assertThat(synced.path("state").asString()).isEqualTo("synced");
		assertThat(synced.path("issue_key").asString()).isEqualTo(issue.key());
		assertThat(tickets.history(tickets.findById(ticket.id()).orElseThrow()))
			.anySatisfy(h -> {
				assertThat(h.action()).isEqualTo("sync-retried");
				assertThat(h.actor()).contains("admin@bugbridge.example");
				assertThat(h.newValue()).isEqualTo("2 refused changes sent again");
			});

		// Everything is in Jira now: a second retry has nothing to do, and sends nothing.
		long creates = jira().requestCount(r -> r.equals("POST /rest/api/3/issue"));
		Response again = api.post("/api/jira/admin/issues/" + issue.key() + "/sync/retry", adminToken, "");
		assertThat(again.status()).as(again.toString()).isEqualTo(409);
		assertThat(again.json().path("detail").asString()).contains("Nothing to retry");
		assertThat(api.post("/api/jira/admin/issues/AURA-999999/sync/retry", adminToken, "").status()).isEqualTo(404);
		assertThat(api.post(sync + "/retry", token, "").status()).isEqualTo(403);
		assertThat(jira().requestCount(r -> r.equals("POST /rest/api/3/issue"))).isEqualTo(creates);
		assertThat(jira().issuesLabelled("bb-" + ticket.id())).hasSize(1);
	}

	@Test
	void aRetriedCreateWhoseOutcomeIsUnknownIsLookedUpNotSentAgain() {
		Ticket ticket = synced(file("Created, answer lost").json().get("key").asString());
		// As if the create's answer had been lost and the entry then parked: the issue exists, the link does not know it.
		String issueKey = outbox.link(ticket.id()).orElseThrow().issueKey();
		jdbc.sql("UPDATE jira_link SET issue_id = NULL, issue_key = NULL, create_attempt = 'lost', create_settles_at = :t"
				+ " WHERE ticket_id = :id").param("t", OutboxRepository.utc(Instant.now().minusSeconds(60)))
			.param("id", ticket.id()).update();
		jdbc.sql("INSERT INTO jira_outbox (ticket_id, operation, attempts, created_at, failed_at, error)"
				+ " VALUES (:id, 'CREATE', 1, :t, :t, 'failed here 4 times')").param("id", ticket.id())
			.param("t", OutboxRepository.utc(Instant.now())).update();
		long creates = jira().requestCount(r -> r.equals("POST /rest/api/3/issue"));

		Response retried = api.post("/api/jira/admin/issues/" + ticket.key() + "/sync/retry", adminToken, "");

		assertThat(retried.status()).as(retried.toString()).isEqualTo(202);
		awaitSynced(ticket);
		assertThat(outbox.link(ticket.id()).orElseThrow().issueKey()).isEqualTo(issueKey);
		// Not one create was sent: the retry only looked the issue up and linked it.
		assertThat(jira().requestCount(r -> r.equals("POST /rest/api/3/issue"))).isEqualTo(creates);
	}

	@Test
	void aLocalFailureIsBackedOffThenDeadLetteredAndItsStackTraceLoggedOnce() {
		Ticket ticket = synced(file("Broken entry").json().get("key").asString());
		double failuresBefore = metrics.localFailures();
		ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
			.getLogger(Deliverer.class);
		ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> log = new ch.qos.logback.core.read.ListAppender<>();
		log.start();
		logger.addAppender(log);
		try {
			Instant start = Instant.now();
			// An entry that fails here, not in Jira, every time (like a constraint violation would).
			outbox.enqueue(ticket.id(), OutboxRepository.Operation.COMMENT, "not-a-comment-id");
			outbox.dueNow(ticket.id());

			await().atMost(PATIENCE).until(() -> deadLettersOf(ticket) == 1);

			// Four attempts with backoff between them (50 ms doubling, less 20% jitter), not a tight loop.
			assertThat(Duration.between(start, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(40 + 80 + 160));
			assertThat(jdbc.sql("SELECT failures FROM jira_outbox WHERE ticket_id = :id AND failed_at IS NOT NULL")
				.param("id", ticket.id()).query(Integer.class).single()).isEqualTo(4);
			assertThat(metrics.localFailures() - failuresBefore).isEqualTo(4);
			List<ch.qos.logback.classic.spi.ILoggingEvent> lines = log.list.stream()
				.filter(e -> e.getFormattedMessage().matches("(?s).*ticket " + ticket.id() + "\\b.*"))
				.toList();
			assertThat(lines).hasSize(4);
			assertThat(lines).filteredOn(e -> e.getThrowableProxy() != null).hasSize(1);
			assertThat(lines.get(3).getFormattedMessage()).contains("dead letter");
			assertThat(outbox.backlogOf(ticket.id())).isZero();
		}
		finally {
			logger.detachAppender(log);
		}
	}

	@Test
	void ourCommentAlreadyImportedAsSomeoneElsesIsLinkedNotADuplicateKey() {
		Ticket ticket = synced(file("Echoed comment").json().get("key").asString());
		Comment ours = tracker.postInternalComment(ticket.key(), "Analysis: the echo", Actor.SYSTEM);
		awaitSynced(ticket);
		String jiraId = outbox.jiraCommentId(ours.id()).orElseThrow();
		// The state an echo leaves when it beats the delivery's answer: Jira's comment imported as a
		// copy and linked to it, and our delivery still to record (its answer was lost: attempts 1).
		Comment copy = tickets.addComment(ticket.key(), new io.bugbridge.ticket.NewComment("Analysis: the echo", true),
				Deliverer.JIRA_SYNC, Origin.TRACKER);
		jdbc.sql("DELETE FROM jira_comment_link WHERE comment_id = :id").param("id", ours.id()).update();
		outbox.linkComment(copy.id(), ticket.id(), jiraId);
		jdbc.sql("INSERT INTO jira_outbox (ticket_id, operation, payload, attempts, created_at)"
				+ " VALUES (:ticket, 'COMMENT', :payload, 1, CURRENT_TIMESTAMP)")
			.param("ticket", ticket.id())
			.param("payload", String.valueOf(ours.id()))
			.update();
		double failuresBefore = metrics.localFailures();
		outbox.dueNow(ticket.id());

		awaitSynced(ticket);

		assertThat(outbox.jiraCommentId(ours.id())).contains(jiraId);
		assertThat(tickets.comments(tickets.get(ticket.key()), true)).extracting(Comment::id).containsExactly(ours.id());
		assertThat(issueOf(ticket).comments()).hasSize(1);
		assertThat(deadLettersOf(ticket)).isZero();
		assertThat(metrics.localFailures()).isEqualTo(failuresBefore);
	}

	// --- Incoming ---

	@Test
	void aCommentDeletedWebhookCannotDeleteAnotherIssuesComment() {
		String a = inJira("Issue A");
		String b = inJira("Issue B");
		String bComment = jira().commentAsAgent(b, "Only B's", false);
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(tickets.comments(ticket(b), true)).hasSize(1));
		String body = """
				{"timestamp": %d, "webhookEvent": "comment_deleted",
				 "issue": {"id": "%s", "key": "%s"},
				 "comment": {"id": "%s", "author": {"accountId": "%s"}}}"""
			.formatted(System.currentTimeMillis(), jira().issue(a).orElseThrow().id, a, bComment,
					JiraSimulator.AGENT_ACCOUNT);

		HttpResponse<String> response = jira().deliver(body, JiraSimulator.sign(JiraTestProperties.WEBHOOK_SECRET, body),
				UUID.randomUUID().toString());

		assertThat(response.statusCode()).isLessThan(300);
		assertThat(tickets.comments(ticket(b), true)).extracting(Comment::body).containsExactly("Only B's");
		// Named with its own issue, the deletion goes through.
		jira().deleteCommentAsAgent(b, bComment);
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(tickets.comments(ticket(b), true)).isEmpty());
	}

	@Test
	void aStatusChangeMadeInJiraShowsInMyTicketsWithinASecond() {
		String key = inJira("Watch my status");

		Instant changed = Instant.now();
		jira().transitionAsAgent(key, "In Progress");

		await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
			JsonNode list = api.get("/api/jira/my-tickets", token).json().get("tickets");
			assertThat(list).anySatisfy(t -> {
				assertThat(t.get("key").asString()).isEqualTo(key);
				assertThat(t.get("status").asString()).isEqualTo("In Progress");
			});
		});
		assertThat(Duration.between(changed, Instant.now())).isLessThan(Duration.ofSeconds(1));
		assertThat(tickets.history(ticket(key))).anySatisfy(h -> assertThat(h.actor()).isEqualTo(JiraSimulator.AGENT_EMAIL));
	}

	@Test
	void unsignedAndForgedWebhooksAreRefusedWith401() {
		String key = inJira("Forgery target");
		String body = jira().webhookBody("jira:issue_deleted", key, JiraSimulator.AGENT_ACCOUNT, null);

		HttpResponse<String> unsigned = jira().deliver(body, null, UUID.randomUUID().toString());
		HttpResponse<String> forged = jira().deliver(body, JiraSimulator.sign("not-the-secret", body),
				UUID.randomUUID().toString());
		HttpResponse<String> tampered = jira().deliver(body.replace(key, key + "0"),
				JiraSimulator.sign(JiraTestProperties.WEBHOOK_SECRET, body), UUID.randomUUID().toString());

		for (HttpResponse<String> response : List.of(unsigned, forged, tampered)) {
			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
		}
		assertThat(tickets.findByKey(key)).isPresent();
	}

	@Test
	void webhookStormsAndRedeliveriesAreAppliedOnce() {
		String key = inJira("Storm");
		jira().duplicateWebhooks = true;

		List<String> statuses = List.of("In Progress", "Waiting for Customer", "In Progress", "Resolved");
		for (int round = 0; round < 5; round++) {
			for (String status : statuses) {
				jira().transitionAsAgent(key, status);
			}
			jira().prioritiseAsAgent(key, round % 2 == 0 ? "Highest" : "Medium");
			jira().labelAsAgent(key, "noise-" + round);
		}
		String body = jira().webhookBody("jira:issue_updated", key, JiraSimulator.AGENT_ACCOUNT, null);
		String identifier = UUID.randomUUID().toString();
		List<String> outcomes = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			outcomes.add(jira().deliver(body, JiraSimulator.sign(JiraTestProperties.WEBHOOK_SECRET, body), identifier).body());
		}

		assertThat(outcomes.get(0)).contains("applied");
		assertThat(outcomes.subList(1, 5)).allSatisfy(o -> assertThat(o).contains("duplicate"));
		await().atMost(PATIENCE).untilAsserted(() -> {
			Ticket ticket = tickets.get(key);
			assertThat(ticket.status()).isEqualTo(Status.RESOLVED);
			assertThat(ticket.priority()).isEqualTo(Priority.CRITICAL);
		});
		// No echo: nothing the webhooks applied went back to Jira.
		assertThat(outbox.backlogOf(ticket(key).id())).isZero();
		assertThat(jira().requestCount(r -> r.contains("/transitions"))).isZero();
	}

	@Test
	void commentsMadeInJiraArriveEditedAndDeletedAndInternalOnesStayHidden() {
		String key = inJira("Comment sync");

		String publicId = jira().commentAsAgent(key, "We are looking into it", false);
		jira().commentAsAgent(key, "Customer's DB is on an old version", true);
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(tickets.comments(ticket(key), true)).hasSize(2));
		assertThat(api.get("/api/jira/ticket/" + key, token).json().get("comments")).singleElement()
			.satisfies(c -> assertThat(c.get("body").asString()).isEqualTo("We are looking into it"));

		jira().editCommentAsAgent(key, publicId, "Fixed in 2.3");
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(tickets.comments(ticket(key), false))
			.extracting(Comment::body).containsExactly("Fixed in 2.3"));

		jira().deleteCommentAsAgent(key, publicId);
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(tickets.comments(ticket(key), false)).isEmpty());
		assertThat(tickets.comments(ticket(key), true)).hasSize(1);
	}

	@Test
	void issuesCreatedInJiraReachOnlyTheirCustomer() {
		String mine = jira().createAsAgent("Filed by phone", "Bug", "Highest", customer);
		String nobodys = jira().createAsAgent("Internal chore", "Task", "Low", null);

		await().atMost(PATIENCE).untilAsserted(() -> assertThat(tickets.findByKey(nobodys)).isPresent());
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(tickets.findByKey(mine)).isPresent());
		JsonNode list = api.get("/api/jira/my-tickets", token).json().get("tickets");
		assertThat(list).extracting(t -> t.get("key").asString()).contains(mine).doesNotContain(nobodys);
		Ticket imported = ticket(mine);
		assertThat(imported.source()).isEqualTo("jira");
		assertThat(imported.priority()).isEqualTo(Priority.CRITICAL);
		assertThat(imported.reporterEmail()).isEqualTo(JiraSimulator.AGENT_EMAIL);
		assertThat(api.get("/api/jira/my-tickets", adminToken).json().get("tickets"))
			.extracting(t -> t.get("key").asString()).contains(nobodys);
		assertThat(urgent).anySatisfy(u -> {
			assertThat(u.ticket().id()).isEqualTo(imported.id());
			assertThat(u.origin()).isEqualTo(Origin.TRACKER);
		});
		// Nothing made in Jira is sent back to Jira.
		assertThat(jira().issuesLabelled("bb-" + imported.id())).isEmpty();
	}

	@Test
	void movedAndDeletedIssuesFollowJira() {
		String key = inJira("Will move");

		String moved = jira().rekeyAsAgent(key);
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(tickets.get(key).key()).isEqualTo(moved));
		assertThat(api.get("/api/jira/ticket/" + key, token).json().get("key").asString()).isEqualTo(moved);

		jira().deleteAsAgent(moved);
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(tickets.findByKey(moved)).isEmpty());
		assertThat(api.get("/api/jira/ticket/" + moved, token).status()).isEqualTo(404);
	}

	@Test
	void reconciliationRepairsWhatLostWebhooksMissed() {
		String key = inJira("Webhooks lost");
		jira().webhooksEnabled = false;
		jira().transitionAsAgent(key, "Resolved");
		jira().commentAsAgent(key, "Resolved by restarting the connector", false);
		String created = jira().createAsAgent("Created while webhooks were down", "Bug", "Medium", customer);
		List<String> quiet = jira().createQuietly(120, customer);
		assertThat(tickets.get(key).status()).isEqualTo(Status.OPEN);

		Reconciler.Result result = reconciler.run();

		assertThat(result.issues()).isPositive();
		assertThat(tickets.get(key).status()).isEqualTo(Status.RESOLVED);
		assertThat(tickets.comments(ticket(key), false)).extracting(Comment::body)
			.containsExactly("Resolved by restarting the connector");
		assertThat(tickets.findByKey(created)).isPresent();
		assertThat(quiet).allSatisfy(k -> assertThat(tickets.findByKey(k)).isPresent());
		// More than a page: the search was paged with nextPageToken.
		assertThat(jira().queries()).anyMatch(q -> q.startsWith("GET /rest/api/3/search/jql") && q.contains("nextPageToken="));
		assertThat(jira().queries()).anyMatch(q -> q.contains("updated >= \""));
		// A second run finds nothing new to change.
		long history = tickets.history(ticket(key)).size();
		reconciler.run();
		assertThat(tickets.history(ticket(key))).hasSize((int) history);
		assertThat(jira().requests()).anyMatch(r -> r.startsWith("GET /rest/api/3/search/jql"));
	}

	// --- Operations ---

	@Test
	void adminHealthRunsTheDoctorsChecks() {
		Response health = api.get("/api/jira/admin/health", adminToken);

		assertThat(health.status()).as(health.toString()).isEqualTo(200);
		JsonNode checks = health.json().get("checks");
		Set<String> names = new HashSet<>();
		checks.forEach(c -> names.add(c.get("name").asString()));
		assertThat(names).contains("credentials", "project", "issue types", "priorities", "transitions",
				"customer field", "webhook secret", "outbox");
		checks.forEach(c -> assertThat(c.get("status").asString()).as(c.toString()).isNotEqualTo("fail"));
		assertThat(api.get("/api/jira/admin/health", token).status()).isEqualTo(403);
		assertThat(api.get("/actuator/metrics/bugbridge.jira.outbox.backlog", adminToken).status()).isEqualTo(200);
		assertThat(api.get("/actuator/metrics/bugbridge.jira.calls", adminToken).status()).isEqualTo(200);
	}

}
