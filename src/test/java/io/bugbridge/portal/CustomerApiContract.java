package io.bugbridge.portal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.bugbridge.security.Role;
import io.bugbridge.support.ApiClient;
import io.bugbridge.support.ApiClient.Response;
import io.bugbridge.ticket.Actor;
import io.bugbridge.ticket.NewComment;
import io.bugbridge.ticket.TicketService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The customer API as the client portal uses it. Runs once per database: see the subclasses.
 * Every test works in customer accounts of its own, so tests never see each other's tickets.
 */
abstract class CustomerApiContract {

	@LocalServerPort
	int port;

	@Autowired
	TicketService ticketService;

	ApiClient api;

	/** A fresh customer account per test, so tests never see each other's tickets. */
	final String customer = newCustomer();

	final String token = ApiClient.customerToken("alice@acme.example", customer);

	@BeforeEach
	void setUp() {
		api = new ApiClient(port);
	}

	static String newCustomer() {
		return "cust-" + UUID.randomUUID();
	}

	static String brief(String name) {
		try (InputStream in = CustomerApiContract.class.getResourceAsStream("/brief/" + name + ".json")) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String bugJson(String summary, String email, String customer) {
		return """
				{"summary": "%s", "description": "Something is broken", "reporter_email": "%s",
				 "customer_id": "%s", "priority": "Low"}""".formatted(summary, email, customer);
	}

	String fileBug(String token, String summary, String email, String customer) {
		Response created = api.post("/api/jira/bug-report", token, bugJson(summary, email, customer));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.json().get("key").asString();
	}

	static List<String> keys(Response list) {
		List<String> keys = new ArrayList<>();
		list.json().get("tickets").forEach(t -> keys.add(t.get("key").asString()));
		return keys;
	}

	static List<String> errorFields(Response response) {
		List<String> fields = new ArrayList<>();
		response.json().get("errors").forEach(e -> fields.add(e.get("field").asString()));
		return fields;
	}

	// --- TheBriefsExamples ---

	final String briefToken = ApiClient.customerToken("user@client.com", "uuid");

	@Test
	void bugReportAsWrittenInTheBrief() {
		Response response = api.post("/api/jira/bug-report", briefToken, brief("bug-report"));

		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		JsonNode body = response.json();
		String key = body.get("key").asString();
		assertThat(key).matches("AURA-\\d+");
		assertThat(body.get("summary").asString()).isEqualTo("Unable to connect QuickBooks integration");
		assertThat(body.get("status").asString()).isEqualTo("Open");
		assertThat(body.get("priority").asString()).isEqualTo("High");
		assertThat(Instant.parse(body.get("created").asString())).isCloseTo(Instant.now(),
				org.assertj.core.api.Assertions.within(1, java.time.temporal.ChronoUnit.MINUTES));
		assertThat(body.get("created").asString()).endsWith("Z");
		assertThat(body.get("url").asString()).endsWith("/tickets/" + key);

		JsonNode details = api.get("/api/jira/ticket/" + key, briefToken).json();
		assertThat(details.get("issue_type").asString()).isEqualTo("Bug");
		assertThat(details.get("environment").asString()).isEqualTo("Chrome 120, MacOS");
		assertThat(details.get("steps_to_reproduce").asString())
			.isEqualTo("1. Click Connect QuickBooks\n2. Enter credentials\n3. Error appears");
		assertThat(details.get("expected_behavior").asString()).isEqualTo("Should connect successfully");
		assertThat(details.get("actual_behavior").asString()).isEqualTo("Shows 'Connection failed' error");
		assertThat(details.get("reporter_email").asString()).isEqualTo("user@client.com");
		assertThat(details.get("customer_id").asString()).isEqualTo("uuid");
	}

	@Test
	void featureRequestAsWrittenInTheBrief() {
		Response response = api.post("/api/jira/feature-request", briefToken, brief("feature-request"));

		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		String key = response.json().get("key").asString();
		assertThat(response.json().get("priority").asString()).isEqualTo("Medium");
		JsonNode details = api.get("/api/jira/ticket/" + key, briefToken).json();
		assertThat(details.get("issue_type").asString()).isEqualTo("Feature");
		assertThat(details.get("business_value").asString()).isEqualTo("Would save 2 hours per report");
		assertThat(details.get("use_case").asString()).isEqualTo("Our management prefers Excel for analysis");
		assertThat(details.get("votes").asInt()).isZero();
		assertThat(details.has("steps_to_reproduce")).isFalse();
	}

	@Test
	void supportTicketAsWrittenInTheBrief() {
		Response response = api.post("/api/jira/support-ticket", briefToken, brief("support-ticket"));

		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		String key = response.json().get("key").asString();
		JsonNode details = api.get("/api/jira/ticket/" + key, briefToken).json();
		assertThat(details.get("issue_type").asString()).isEqualTo("Support");
		assertThat(details.get("category").asString()).isEqualTo("billing");
		assertThat(details.get("description").asString()).isEqualTo("Need clarification on invoice charges");
	}

	@Test
	void myTicketsWithTheBriefsQueryParameters() {
		String key = api.post("/api/jira/support-ticket", briefToken, brief("support-ticket")).json().get("key").asString();

		Response list = api.get("/api/jira/my-tickets?email=user@client.com&customer_id=uuid", briefToken);

		assertThat(list.status()).as(list.toString()).isEqualTo(200);
		assertThat(keys(list)).contains(key);
		list.json().get("tickets").forEach(t -> assertThat(t.get("reporter_email").asString()).isEqualTo("user@client.com"));
	}


	// --- Isolation ---

	@Test
	void aSecondCustomerCannotSeeTheFirstOnesTickets() {
		String alice = newCustomer();
		String bob = newCustomer();
		String aliceToken = ApiClient.customerToken("alice@a.example", alice);
		String bobToken = ApiClient.customerToken("bob@b.example", bob);
		String aliceKey = fileBug(aliceToken, "Alice's secret bug", "alice@a.example", alice);
		String bobKey = fileBug(bobToken, "Bob's bug", "bob@b.example", bob);

		assertThat(keys(api.get("/api/jira/my-tickets", aliceToken))).containsExactly(aliceKey);
		assertThat(keys(api.get("/api/jira/my-tickets", bobToken))).containsExactly(bobKey);

		Response peek = api.get("/api/jira/ticket/" + aliceKey, bobToken);
		assertThat(peek.status()).isEqualTo(404);
		assertThat(peek.contentType()).startsWith("application/problem+json");
		assertThat(peek.body()).doesNotContain("Alice's secret bug");

		Response reply = api.post("/api/jira/ticket/" + aliceKey + "/comment", bobToken, "{\"comment\":\"hi\"}");
		assertThat(reply.status()).isEqualTo(404);
		assertThat(ticketService.comments(ticketService.get(aliceKey), true)).isEmpty();
	}

	@Test
	void queryParametersNeverWidenAccess() {
		String alice = newCustomer();
		String bob = newCustomer();
		String aliceToken = ApiClient.customerToken("alice@a.example", alice);
		fileBug(aliceToken, "Alice's bug", "alice@a.example", alice);
		String bobToken = ApiClient.customerToken("bob@b.example", bob);

		Response list = api.get("/api/jira/my-tickets?customer_id=" + alice + "&email=alice@a.example", bobToken);

		assertThat(list.status()).isEqualTo(200);
		assertThat(keys(list)).isEmpty();
		assertThat(list.json().get("total").asLong()).isZero();
	}

	@Test
	void colleaguesInOneCustomerAccountShareTicketsAndEmailNarrowsTheList() {
		String acme = newCustomer();
		String aliceToken = ApiClient.customerToken("alice@acme.example", acme);
		String carolToken = ApiClient.customerToken("carol@acme.example", acme);
		String aliceKey = fileBug(aliceToken, "Alice's bug", "alice@acme.example", acme);
		String carolKey = fileBug(carolToken, "Carol's bug", "carol@acme.example", acme);

		assertThat(keys(api.get("/api/jira/my-tickets", aliceToken))).containsExactlyInAnyOrder(aliceKey, carolKey);
		assertThat(keys(api.get("/api/jira/my-tickets?email=Carol@Acme.example", aliceToken)))
			.containsExactly(carolKey);
		assertThat(api.get("/api/jira/ticket/" + carolKey, aliceToken).status()).isEqualTo(200);
	}

	@Test
	void customersCannotFileForAnotherAccountOrAddress() {
		String acme = newCustomer();
		String token = ApiClient.customerToken("alice@acme.example", acme);

		Response otherAccount = api.post("/api/jira/bug-report", token, bugJson("x", "alice@acme.example", newCustomer()));
		Response otherEmail = api.post("/api/jira/bug-report", token, bugJson("x", "mallory@evil.example", acme));

		assertThat(otherAccount.status()).isEqualTo(403);
		assertThat(errorFields(otherAccount)).containsExactly("customer_id");
		assertThat(otherEmail.status()).isEqualTo(403);
		assertThat(errorFields(otherEmail)).containsExactly("reporter_email");
		assertThat(api.get("/api/jira/my-tickets", token).json().get("total").asLong()).isZero();
	}

	@Test
	void reporterAndCustomerDefaultToTheToken() {
		String acme = newCustomer();
		String token = ApiClient.customerToken("alice@acme.example", acme);

		Response created = api.post("/api/jira/support-ticket", token, "{\"summary\":\"Help\"}");

		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		JsonNode details = api.get("/api/jira/ticket/" + created.json().get("key").asString(), token).json();
		assertThat(details.get("reporter_email").asString()).isEqualTo("alice@acme.example");
		assertThat(details.get("customer_id").asString()).isEqualTo(acme);
		assertThat(details.get("category").asString()).isEqualTo("other");
		assertThat(details.get("priority").asString()).isEqualTo("Medium");
	}

	@Test
	void aCustomerTokenWithoutCustomerIdIsForbidden() {
		String token = ApiClient.token("nobody@x.example", null, List.of(Role.CUSTOMER), Duration.ofHours(1));

		Response response = api.get("/api/jira/my-tickets", token);

		assertThat(response.status()).isEqualTo(403);
		assertThat(response.json().get("detail").asString()).contains("customer_id");
	}

	@Test
	void adminsSeeEveryTicket() {
		String acme = newCustomer();
		String key = fileBug(ApiClient.customerToken("alice@acme.example", acme), "Bug", "alice@acme.example", acme);

		Response response = api.get("/api/jira/ticket/" + key.toLowerCase(), ApiClient.adminToken("admin@bugbridge.example"));

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().get("key").asString()).isEqualTo(key);
	}


	// --- Comments ---

	@Test
	void customersSeePublicCommentsButNeverInternalOnes() {
		String acme = newCustomer();
		String token = ApiClient.customerToken("alice@acme.example", acme);
		String key = fileBug(token, "Export fails", "alice@acme.example", acme);
		Actor staff = new Actor("agent-1", "agent@bugbridge.example", "Agent Smith", Actor.Kind.STAFF);
		ticketService.addComment(key, new NewComment("Suspect the CSV writer; customer is on the old plan", true), staff);
		ticketService.addComment(key, NewComment.publicComment("We are looking into it."), staff);

		Response details = api.get("/api/jira/ticket/" + key, token);

		assertThat(details.body()).doesNotContain("CSV writer").doesNotContain("old plan");
		// Staff appear as the support team, never by name or e-mail address.
		assertThat(details.body()).doesNotContain("Agent Smith").doesNotContain("agent@bugbridge.example");
		JsonNode comments = details.json().get("comments");
		assertThat(comments).hasSize(1);
		assertThat(comments.get(0).get("body").asString()).isEqualTo("We are looking into it.");
		assertThat(comments.get(0).get("author").asString()).isEqualTo("Support team");
		assertThat(comments.get(0).get("author_type").asString()).isEqualTo("staff");
	}

	@Test
	void aCustomerRepliesOnTheirTicket() {
		String acme = newCustomer();
		String token = ApiClient.customerToken("alice@acme.example", acme);
		String key = fileBug(token, "Export fails", "alice@acme.example", acme);

		Response reply = api.post("/api/jira/ticket/" + key + "/comment", token,
				"{\"comment\":\"It also fails in Firefox.\"}");

		assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
		assertThat(reply.json().get("author_type").asString()).isEqualTo("customer");
		JsonNode comments = api.get("/api/jira/ticket/" + key, token).json().get("comments");
		assertThat(comments).hasSize(1);
		assertThat(comments.get(0).get("body").asString()).isEqualTo("It also fails in Firefox.");
		assertThat(ticketService.history(ticketService.get(key)))
			.extracting(h -> h.action() + " by " + h.actor())
			.containsExactly("created by alice@acme.example", "commented by alice@acme.example");
	}

	@Test
	void anEmptyCommentIsRejected() {
		String acme = newCustomer();
		String token = ApiClient.customerToken("alice@acme.example", acme);
		String key = fileBug(token, "Export fails", "alice@acme.example", acme);

		Response reply = api.post("/api/jira/ticket/" + key + "/comment", token, "{\"comment\":\"  \"}");

		assertThat(reply.status()).isEqualTo(400);
		assertThat(errorFields(reply)).containsExactly("comment");
	}

	@Test
	void commentingOnAnUnknownTicketIs404() {
		Response reply = api.post("/api/jira/ticket/AURA-999999999/comment",
				ApiClient.customerToken("a@a.example", newCustomer()), "{\"comment\":\"hello\"}");

		assertThat(reply.status()).isEqualTo(404);
		assertThat(reply.contentType()).startsWith("application/problem+json");
	}


	// --- Listing ---

	@Test
	void filtersByStatusTypeAndText() {
		String bug = fileBug(token, "Invoice PDF is blank", "alice@acme.example", customer);
		String feature = api.post("/api/jira/feature-request", token,
				"{\"summary\":\"Dark mode\",\"description\":\"Please add a dark theme to the invoice view\"}")
			.json().get("key").asString();

		assertThat(keys(api.get("/api/jira/my-tickets?type=Feature", token))).containsExactly(feature);
		assertThat(keys(api.get("/api/jira/my-tickets?issue_type=bug", token))).containsExactly(bug);
		assertThat(keys(api.get("/api/jira/my-tickets?status=Open", token))).containsExactlyInAnyOrder(bug, feature);
		assertThat(keys(api.get("/api/jira/my-tickets?status=In%20Progress", token))).isEmpty();
		assertThat(keys(api.get("/api/jira/my-tickets?q=INVOICE", token))).containsExactlyInAnyOrder(bug, feature);
		assertThat(keys(api.get("/api/jira/my-tickets?q=invoice%20theme", token))).containsExactly(feature);
		assertThat(keys(api.get("/api/jira/my-tickets?q=100%25", token))).isEmpty();
	}

	@Test
	void unknownFilterValuesAreRejectedNamingTheAllowedOnes() {
		Response response = api.get("/api/jira/my-tickets?status=Done", token);

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.contentType()).startsWith("application/problem+json");
		JsonNode error = response.json().get("errors").get(0);
		assertThat(error.get("field").asString()).isEqualTo("status");
		assertThat(error.get("message").asString()).contains("Done").contains("Open", "In Progress", "Resolved", "Closed");
	}

	@Test
	void pagesThroughTicketsNewestFirstWithoutRepeats() {
		List<String> filed = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			filed.add(fileBug(token, "Bug " + i, "alice@acme.example", customer));
		}
		List<String> seen = new ArrayList<>();
		String cursor = null;
		int pages = 0;
		do {
			Response page = api.get("/api/jira/my-tickets?max_results=2" + (cursor == null ? "" : "&cursor=" + cursor), token);
			assertThat(page.status()).isEqualTo(200);
			assertThat(page.json().get("total").asLong()).isEqualTo(5);
			seen.addAll(keys(page));
			JsonNode next = page.json().get("next_cursor");
			cursor = next == null || next.isNull() ? null : next.asString();
			pages++;
		}
		while (cursor != null);

		assertThat(pages).isEqualTo(3);
		java.util.Collections.reverse(filed);
		assertThat(seen).containsExactlyElementsOf(filed);
	}

	@Test
	void pageSizeAndCursorAreValidated() {
		Response zero = api.get("/api/jira/my-tickets?max_results=0", token);
		Response tooMany = api.get("/api/jira/my-tickets?max_results=201", token);
		Response badCursor = api.get("/api/jira/my-tickets?cursor=not-a-cursor", token);

		assertThat(zero.status()).isEqualTo(400);
		assertThat(errorFields(zero)).containsExactly("max_results");
		assertThat(tooMany.status()).isEqualTo(400);
		assertThat(errorFields(tooMany)).containsExactly("max_results");
		assertThat(badCursor.status()).isEqualTo(400);
		assertThat(errorFields(badCursor)).containsExactly("cursor");
	}


	// --- BadInput ---

	long ticketsOfCustomer() {
		return api.get("/api/jira/my-tickets", token).json().get("total").asLong();
	}

	@Test
	void missingSummaryNamesTheField() {
		Response response = api.post("/api/jira/bug-report", token, "{\"description\":\"d\"}");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(errorFields(response)).containsExactly("summary");
		assertThat(ticketsOfCustomer()).isZero();
	}

	@Test
	void everyBadFieldIsNamedAtOnce() {
		Response response = api.post("/api/jira/bug-report", token,
				"{\"summary\":\"%s\",\"description\":\"%s\",\"reporter_email\":\"not-an-email\"}"
					.formatted("s".repeat(256), "d".repeat(32 * 1024 + 1)));

		assertThat(response.status()).isEqualTo(400);
		assertThat(errorFields(response)).containsExactlyInAnyOrder("summary", "description", "reporter_email");
		assertThat(ticketsOfCustomer()).isZero();
	}

	@Test
	void anUnknownPriorityIsNamedTogetherWithTheOtherBadFields() {
		Response response = api.post("/api/jira/bug-report", token,
				"{\"summary\":\"\",\"priority\":\"Urgent\",\"reporter_email\":\"nope\"}");

		assertThat(response.status()).isEqualTo(400);
		assertThat(errorFields(response)).containsExactlyInAnyOrder("summary", "description", "priority",
				"reporter_email");
		assertThat(response.json().toString()).contains("'Urgent' is not one of [Low, Medium, High, Critical]");
		assertThat(ticketsOfCustomer()).isZero();
	}

	@Test
	void anUnknownCategoryAloneIsStillRefused() {
		Response response = api.post("/api/jira/support-ticket", token,
				"{\"summary\":\"Export\",\"description\":\"How?\",\"category\":\"weather\"}");

		assertThat(response.status()).isEqualTo(400);
		assertThat(errorFields(response)).containsExactly("category");
		assertThat(ticketsOfCustomer()).isZero();
	}

	@Test
	void longestAllowedFieldsAreAccepted() {
		Response response = api.post("/api/jira/bug-report", token,
				"{\"summary\":\"%s\",\"description\":\"%s\"}".formatted("s".repeat(255), "d".repeat(32 * 1024)));

		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		JsonNode details = api.get("/api/jira/ticket/" + response.json().get("key").asString(), token).json();
		assertThat(details.get("description").asString()).hasSize(32 * 1024);
	}

	@Test
	void unknownPriorityListsTheAllowedValues() {
		Response response = api.post("/api/jira/bug-report", token,
				"{\"summary\":\"s\",\"description\":\"d\",\"priority\":\"Urgent\"}");

		assertThat(response.status()).isEqualTo(400);
		JsonNode error = response.json().get("errors").get(0);
		assertThat(error.get("field").asString()).isEqualTo("priority");
		assertThat(error.get("message").asString()).contains("Urgent").contains("Low", "Medium", "High", "Critical");
	}

	@Test
	void priorityIsCaseInsensitive() {
		Response response = api.post("/api/jira/bug-report", token,
				"{\"summary\":\"s\",\"description\":\"d\",\"priority\":\"critical\"}");

		assertThat(response.status()).isEqualTo(201);
		assertThat(response.json().get("priority").asString()).isEqualTo("Critical");
	}

	@Test
	void unknownSupportCategoryNamesTheField() {
		Response response = api.post("/api/jira/support-ticket", token, "{\"summary\":\"s\",\"category\":\"legal\"}");

		assertThat(response.status()).isEqualTo(400);
		assertThat(errorFields(response)).containsExactly("category");
		assertThat(response.json().get("errors").get(0).get("message").asString()).contains("billing", "integration");
	}

	@Test
	void wrongJsonTypeNamesTheField() {
		Response response = api.post("/api/jira/bug-report", token, "{\"summary\":{\"a\":1},\"description\":\"d\"}");

		assertThat(response.status()).isEqualTo(400);
		assertThat(errorFields(response)).containsExactly("summary");
	}

	@Test
	void malformedJsonIs400() {
		Response response = api.post("/api/jira/bug-report", token, "{\"summary\": \"s\", ");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.json().get("detail").asString()).contains("not valid JSON");
		assertThat(ticketsOfCustomer()).isZero();
	}

	@Test
	void emptyBodyIs400() {
		Response response = api.post("/api/jira/bug-report", token, "");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.contentType()).startsWith("application/problem+json");
	}

	@Test
	void wrongContentTypeIs415() {
		Response response = api.postWithType("/api/jira/bug-report", token, "text/plain", "summary=hello");

		assertThat(response.status()).isEqualTo(415);
		assertThat(response.contentType()).startsWith("application/problem+json");
	}

	@Test
	void aBodyOverOneMebibyteIs413() {
		String huge = "{\"summary\":\"s\",\"description\":\"d\",\"padding\":\"" + "x".repeat(1024 * 1024) + "\"}";

		Response declared = api.post("/api/jira/bug-report", token, huge);
		Response streamed = api.post("/api/jira/bug-report", token,
				java.net.http.HttpRequest.BodyPublishers.ofInputStream(
						() -> new java.io.ByteArrayInputStream(huge.getBytes(StandardCharsets.UTF_8))));

		assertThat(declared.status()).isEqualTo(413);
		assertThat(declared.contentType()).startsWith("application/problem+json");
		assertThat(streamed.status()).isEqualTo(413);
		assertThat(ticketsOfCustomer()).isZero();
	}


	// --- Authentication ---

	@Test
	void noTokenIs401Problem() {
		Response response = api.get("/api/jira/my-tickets", null);

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.json().get("status").asInt()).isEqualTo(401);
	}

	@Test
	void forgedExpiredAndGarbageTokensAre401() {
		String forged = new io.bugbridge.security.TokenMinter(new io.bugbridge.security.JwtSecret(
				"another-secret-that-is-also-long-enough-0123456789".getBytes(StandardCharsets.UTF_8), null, false))
			.mint("eve", "eve@x.example", "acme", List.of(Role.ADMIN), Duration.ofHours(1));
		String expired = ApiClient.token("a@a.example", "acme", List.of(Role.CUSTOMER), Duration.ofMinutes(-10));

		for (String token : List.of(forged, expired, "garbage")) {
			Response response = api.get("/api/jira/my-tickets", token);
			assertThat(response.status()).as(token).isEqualTo(401);
			assertThat(response.contentType()).startsWith("application/problem+json");
		}
	}

	@Test
	void customersCannotReachAdminEndpoints() {
		Response response = api.get("/api/jira/admin/stats", ApiClient.customerToken("a@a.example", "acme"));

		assertThat(response.status()).isEqualTo(403);
		assertThat(response.contentType()).startsWith("application/problem+json");
	}

	@Test
	void aTokenWithoutRolesIsForbidden() {
		Response response = api.get("/api/jira/my-tickets",
				ApiClient.token("a@a.example", "acme", List.of(), Duration.ofHours(1)));

		assertThat(response.status()).isEqualTo(403);
	}


	@Test
	void hundredParallelSubmissionsGetHundredDistinctKeys() throws Exception {
		String customer = newCustomer();
		String token = ApiClient.customerToken("load@acme.example", customer);
		ExecutorService pool = Executors.newFixedThreadPool(25);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<Response>> futures = new ArrayList<>();
			for (int i = 0; i < 100; i++) {
				String body = bugJson("Parallel " + i, "load@acme.example", customer);
				futures.add(pool.submit(() -> {
					start.await();
					return api.post("/api/jira/bug-report", token, body);
				}));
			}
			start.countDown();
			Set<String> keys = new HashSet<>();
			for (Future<Response> future : futures) {
				Response response = future.get();
				assertThat(response.status()).as(response.toString()).isEqualTo(201);
				keys.add(response.json().get("key").asString());
			}
			assertThat(keys).hasSize(100);
			Response list = api.get("/api/jira/my-tickets?max_results=200", token);
			assertThat(list.json().get("total").asLong()).isEqualTo(100);
			assertThat(new HashSet<>(keys(list))).isEqualTo(keys);
		}
		finally {
			pool.shutdownNow();
		}
	}

}
