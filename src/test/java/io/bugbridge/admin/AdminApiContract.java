package io.bugbridge.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.bugbridge.search.TicketSearch;
import io.bugbridge.support.ApiClient;
import io.bugbridge.support.ApiClient.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin console's API as an admin uses it. Runs once per database: see the subclasses. Each
 * test files tickets for a customer account of its own and filters on it.
 */
abstract class AdminApiContract {

	@LocalServerPort
	int port;

	@Autowired
	TicketSearch search;

	ApiClient api;

	final String admin = ApiClient.adminToken("admin@bugbridge.example");

	final String customer = "cust-" + UUID.randomUUID();

	final String customerToken = ApiClient.customerToken("alice@acme.example", customer);

	@BeforeEach
	void setUp() {
		api = new ApiClient(port);
	}

	String file(String type, String summary, String priority) {
		String path = switch (type) {
			case "Bug" -> "/api/jira/bug-report";
			case "Feature" -> "/api/jira/feature-request";
			default -> "/api/jira/support-ticket";
		};
		Response created = api.post(path, customerToken, """
				{"summary": "%s", "description": "Details of %s", "priority": "%s"}""".formatted(summary, summary, priority));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.json().get("key").asString();
	}

	Response adminSearch(String query) {
		search.awaitCurrent();
		return api.get("/api/jira/admin/issues?customer_id=" + customer + (query.isEmpty() ? "" : "&" + query), admin);
	}

	static List<String> keys(Response list) {
		assertThat(list.status()).as(list.toString()).isEqualTo(200);
		List<String> keys = new ArrayList<>();
		list.json().get("issues").forEach(i -> keys.add(i.get("key").asString()));
		return keys;
	}

	Response patch(String key, String json) {
		return api.patch("/api/jira/admin/issues/" + key, admin, json);
	}

	@Test
	void searchesWithTheBriefsFiltersCombined() {
		String highBug = file("Bug", "Checkout crashes", "High");
		file("Bug", "Typo on settings page", "Low");
		file("Feature", "Dark mode", "High");

		Response response = adminSearch("issue_type=Bug&status=Open&priority=High&max_results=50");

		assertThat(keys(response)).containsExactly(highBug);
		JsonNode row = response.json().get("issues").get(0);
		assertThat(row.get("summary").asString()).isEqualTo("Checkout crashes");
		assertThat(row.get("issue_type").asString()).isEqualTo("Bug");
		assertThat(row.get("status").asString()).isEqualTo("Open");
		assertThat(row.get("priority").asString()).isEqualTo("High");
		assertThat(row.get("reporter_email").asString()).isEqualTo("alice@acme.example");
		assertThat(row.get("customer_reported").asBoolean()).isTrue();
		assertThat(row.get("sla").get("state").asString()).isEqualTo("on_track");
		assertThat(row.get("sla").get("first_response").get("target_seconds").asLong()).isEqualTo(4 * 3600);
		assertThat(row.has("created")).isTrue();
		assertThat(row.has("updated")).isTrue();
		assertThat(response.json().get("total").asLong()).isEqualTo(1);
	}

	@Test
	void severalValuesOfOneFilterMatchAnyOfThem() {
		String high = file("Bug", "A", "High");
		String critical = file("Support", "B", "Critical");
		file("Bug", "C", "Low");

		assertThat(keys(adminSearch("priority=High,Critical"))).containsExactlyInAnyOrder(high, critical);
		assertThat(keys(adminSearch("priority=High&priority=critical"))).containsExactlyInAnyOrder(high, critical);
	}

	@Test
	void fullTextCoversSummaryDescriptionAndComments() {
		String bySummary = file("Bug", "Invoice export broken", "Medium");
		String byComment = file("Support", "Cannot log in", "Medium");
		api.post("/api/jira/admin/issues/" + byComment + "/comment", admin,
				"{\"comment\": \"Looks like the invoice service again\", \"internal\": true}");
		file("Bug", "Unrelated", "Medium");

		assertThat(keys(adminSearch("q=invoice"))).containsExactlyInAnyOrder(bySummary, byComment);
		assertThat(keys(adminSearch("q=invoice%20export"))).containsExactly(bySummary);
		assertThat(keys(adminSearch("q=%22invoice%20service%22"))).containsExactly(byComment);
		assertThat(keys(adminSearch("q=invoices"))).as("stemmed").containsExactlyInAnyOrder(bySummary, byComment);
	}

	@Test
	void sortsAndPagesWithoutOverlap() {
		List<String> filed = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			filed.add(file("Bug", "Bug " + i, i % 2 == 0 ? "Low" : "Critical"));
		}
		List<String> seen = new ArrayList<>();
		String cursor = null;
		do {
			Response page = adminSearch("max_results=2&sort=-created" + (cursor == null ? "" : "&cursor=" + cursor));
			seen.addAll(keys(page));
			JsonNode next = page.json().get("next_cursor");
			cursor = next == null || next.isNull() ? null : next.asString();
		}
		while (cursor != null);
		java.util.Collections.reverse(filed);
		assertThat(seen).containsExactlyElementsOf(filed);

		List<String> byPriority = keys(adminSearch("sort=-priority"));
		assertThat(byPriority.subList(0, 2)).containsExactlyInAnyOrder(filed.get(1), filed.get(3));
	}

	@Test
	void unknownFilterValuesNameTheValueAndTheAllowedOnes() {
		Response status = api.get("/api/jira/admin/issues?status=Done", admin);
		Response type = api.get("/api/jira/admin/issues?issue_type=Epic", admin);
		Response sort = api.get("/api/jira/admin/issues?sort=popularity", admin);
		Response date = api.get("/api/jira/admin/issues?created_from=yesterday", admin);
		Response size = api.get("/api/jira/admin/issues?max_results=201", admin);

		for (Response response : List.of(status, type, sort, date, size)) {
			assertThat(response.status()).as(response.toString()).isEqualTo(400);
			assertThat(response.contentType()).startsWith("application/problem+json");
		}
		assertThat(status.json().get("errors").get(0).get("field").asString()).isEqualTo("status");
		assertThat(status.json().get("errors").get(0).get("message").asString()).contains("Done", "In Progress");
		assertThat(type.json().get("errors").get(0).get("message").asString()).contains("Epic", "Bug", "Feature", "Support");
		assertThat(sort.json().get("errors").get(0).get("message").asString()).contains("popularity", "-priority");
		assertThat(date.json().get("errors").get(0).get("field").asString()).isEqualTo("created_from");
		assertThat(size.json().get("errors").get(0).get("field").asString()).isEqualTo("max_results");
	}

	@Test
	void createdRangesFilter() {
		String key = file("Bug", "Today", "Low");

		assertThat(keys(adminSearch("created_from=2000-01-01"))).contains(key);
		assertThat(keys(adminSearch("created_to=2000-01-01"))).doesNotContain(key);
	}

	@Test
	void patchesStatusAssigneeAndPriorityWithHistory() {
		String key = file("Bug", "Slow search", "Medium");

		Response patched = patch(key,
				"{\"status\": \"In Progress\", \"assignee_email\": \"developer@company.com\", \"priority\": \"Critical\"}");

		assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
		JsonNode issue = patched.json();
		assertThat(issue.get("status").asString()).isEqualTo("In Progress");
		assertThat(issue.get("assignee_email").asString()).isEqualTo("developer@company.com");
		assertThat(issue.get("priority").asString()).isEqualTo("Critical");
		List<String> history = new ArrayList<>();
		issue.get("history").forEach(h -> history.add(h.get("action").asString() + ":"
				+ (h.has("field") ? h.get("field").asString() : "") + " by " + h.get("actor").asString()));
		assertThat(history).containsExactly("created: by alice@acme.example",
				"updated:status by admin@bugbridge.example", "updated:priority by admin@bugbridge.example",
				"updated:assignee by admin@bugbridge.example");
		assertThat(keys(adminSearch("assignee=developer@company.com"))).containsExactly(key);

		Response unassigned = patch(key, "{\"assignee_email\": null}");
		assertThat(unassigned.json().has("assignee_email")).isFalse();
		assertThat(keys(adminSearch("assignee=unassigned"))).contains(key);
	}

	@Test
	void anIllegalStatusMoveIs409WithTheAllowedMoves() {
		String key = file("Bug", "Old bug", "Low");
		patch(key, "{\"status\": \"Closed\"}");

		Response response = patch(key, "{\"status\": \"In Progress\"}");

		assertThat(response.status()).isEqualTo(409);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.json().get("allowed_statuses").toString()).contains("Open");
		assertThat(api.get("/api/jira/admin/issues/" + key, admin).json().get("status").asString()).isEqualTo("Closed");
	}

	@Test
	void badPatchesNameTheField() {
		String key = file("Bug", "Bug", "Low");

		Response unknown = patch(key, "{\"statuss\": \"Closed\"}");
		Response badPriority = patch(key, "{\"priority\": \"Urgent\"}");
		Response badEmail = patch(key, "{\"assignee_email\": \"bob\"}");
		Response empty = patch(key, "{}");

		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.json().get("errors").get(0).get("field").asString()).isEqualTo("statuss");
		assertThat(badPriority.json().get("errors").get(0).get("field").asString()).isEqualTo("priority");
		assertThat(badEmail.json().get("errors").get(0).get("field").asString()).isEqualTo("assignee_email");
		assertThat(empty.status()).isEqualTo(400);
		assertThat(patch("AURA-999999999", "{\"status\": \"Closed\"}").status()).isEqualTo(404);
	}

	@Test
	void internalCommentsStayWithStaff() {
		String key = file("Support", "Billing question", "Medium");

		Response internal = api.post("/api/jira/admin/issues/" + key + "/comment", admin,
				"{\"comment\": \"Customer is on the legacy plan\"}");
		Response visible = api.post("/api/jira/admin/issues/" + key + "/comment", admin,
				"{\"comment\": \"Looking into this issue now\", \"internal\": false}");

		assertThat(internal.status()).isEqualTo(201);
		assertThat(internal.json().get("internal").asBoolean()).as("internal unless said otherwise").isTrue();
		assertThat(visible.json().get("internal").asBoolean()).isFalse();
		JsonNode adminView = api.get("/api/jira/admin/issues/" + key, admin).json();
		assertThat(adminView.get("comments")).hasSize(2);
		Response customerView = api.get("/api/jira/ticket/" + key, customerToken);
		assertThat(customerView.body()).contains("Looking into this issue now").doesNotContain("legacy plan");
		assertThat(adminView.get("sla").get("first_response").has("completed")).as("a public staff reply is the first response").isTrue();
	}

	@Test
	void customersCannotUseTheAdminApi() {
		assertThat(api.get("/api/jira/admin/issues", customerToken).status()).isEqualTo(403);
		assertThat(api.patch("/api/jira/admin/issues/AURA-1", customerToken, "{\"status\":\"Closed\"}").status())
			.isEqualTo(403);
		assertThat(api.post("/api/jira/admin/check-stale-tickets", customerToken, "").status()).isEqualTo(403);
	}

	@Test
	void statsCountWhatIsOpenAndMoveWithChanges() {
		JsonNode before = api.get("/api/jira/admin/stats", admin).json();
		String bug = file("Bug", "Crash", "Critical");
		file("Feature", "Wish", "High");
		JsonNode during = api.get("/api/jira/admin/stats", admin).json();
		patch(bug, "{\"status\": \"Resolved\"}");
		JsonNode after = api.get("/api/jira/admin/stats", admin).json();

		assertThat(during.get("total_issues").asLong() - before.get("total_issues").asLong()).isEqualTo(2);
		assertThat(during.get("open_bugs").asLong() - before.get("open_bugs").asLong()).isEqualTo(1);
		assertThat(during.get("open_features").asLong() - before.get("open_features").asLong()).isEqualTo(1);
		assertThat(during.get("critical_priority").asLong() - before.get("critical_priority").asLong()).isEqualTo(1);
		assertThat(during.get("high_priority").asLong() - before.get("high_priority").asLong()).isEqualTo(1);
		assertThat(after.get("open_bugs").asLong()).isEqualTo(before.get("open_bugs").asLong());
		assertThat(after.get("critical_priority").asLong()).isEqualTo(before.get("critical_priority").asLong());
		assertThat(after.get("total_issues").asLong() - before.get("total_issues").asLong()).isEqualTo(2);
		assertThat(after.get("by_status").get("Resolved").asLong() - before.get("by_status").get("Resolved").asLong())
			.isEqualTo(1);
		assertThat(after.has("csat")).isTrue();
		assertThat(after.has("median_first_response_hours")).isTrue();
		assertThat(after.has("metrics_computed_at")).isTrue();
	}

	@Test
	void customersRateResolvedTicketsOnce() {
		String key = file("Support", "Question", "Low");

		Response early = api.post("/api/jira/ticket/" + key + "/rating", customerToken, "{\"score\": 5}");
		patch(key, "{\"status\": \"Resolved\"}");
		Response outOfRange = api.post("/api/jira/ticket/" + key + "/rating", customerToken, "{\"score\": 6}");
		Response rated = api.post("/api/jira/ticket/" + key + "/rating", customerToken,
				"{\"score\": 4, \"comment\": \"Quick and helpful\"}");
		Response again = api.post("/api/jira/ticket/" + key + "/rating", customerToken, "{\"score\": 1}");

		assertThat(early.status()).isEqualTo(409);
		assertThat(outOfRange.status()).isEqualTo(400);
		assertThat(outOfRange.json().get("errors").get(0).get("field").asString()).isEqualTo("score");
		assertThat(rated.status()).as(rated.toString()).isEqualTo(201);
		assertThat(again.status()).isEqualTo(409);
		assertThat(api.get("/api/jira/ticket/" + key, customerToken).json().get("rating").get("score").asInt())
			.isEqualTo(4);
		assertThat(api.get("/api/jira/admin/issues/" + key, admin).json().get("rating").get("comment").asString())
			.isEqualTo("Quick and helpful");
	}

	@Test
	void oneVotePerCustomerUserAndAdminsSortByVotes() {
		String popular = file("Feature", "Excel export", "Medium");
		String other = file("Feature", "Dark mode", "Medium");
		String bug = file("Bug", "Crash", "Medium");
		String colleague = ApiClient.token("bob@acme.example", customer, List.of(io.bugbridge.security.Role.CUSTOMER),
				java.time.Duration.ofHours(1));

		Response first = api.post("/api/jira/ticket/" + popular + "/vote", customerToken, "");
		Response repeat = api.post("/api/jira/ticket/" + popular + "/vote", customerToken, "");
		Response second = api.post("/api/jira/ticket/" + popular + "/vote", colleague, "");
		api.post("/api/jira/ticket/" + other + "/vote", colleague, "");
		Response onBug = api.post("/api/jira/ticket/" + bug + "/vote", customerToken, "");

		assertThat(first.status()).isEqualTo(201);
		assertThat(repeat.status()).isEqualTo(200);
		assertThat(repeat.json().get("votes").asInt()).isEqualTo(1);
		assertThat(second.json().get("votes").asInt()).isEqualTo(2);
		assertThat(onBug.status()).isEqualTo(409);
		search.awaitCurrent();
		assertThat(keys(adminSearch("issue_type=Feature&sort=-votes"))).containsExactly(popular, other);
		assertThat(api.get("/api/jira/ticket/" + popular, customerToken).json().get("voted").asBoolean()).isTrue();
		assertThat(api.delete("/api/jira/ticket/" + popular + "/vote", customerToken).json().get("votes").asInt())
			.isEqualTo(1);
	}


	@Test
	void findsPossibleDuplicatesAndMergesThem() {
		String original = file("Feature", "Export audit reports to Excel spreadsheet", "Medium");
		String duplicate = file("Feature", "Excel export for the audit report please", "Medium");
		file("Feature", "Dark mode for the dashboard", "Medium");
		String colleague = ApiClient.token("bob@acme.example", customer, List.of(io.bugbridge.security.Role.CUSTOMER),
				java.time.Duration.ofHours(1));
		api.post("/api/jira/ticket/" + duplicate + "/vote", colleague, "");
		search.awaitCurrent();

		Response similar = api.get("/api/jira/admin/issues/" + duplicate + "/similar", admin);

		assertThat(similar.status()).isEqualTo(200);
		assertThat(similar.json().get(0).get("key").asString()).isEqualTo(original);
		assertThat(similar.json().get(0).get("score").asDouble()).isPositive();
		assertThat(api.get("/api/jira/admin/issues/" + duplicate, admin).json().get("possible_duplicates").get(0)
			.get("key").asString()).isEqualTo(original);

		Response merged = api.post("/api/jira/admin/issues/" + duplicate + "/merge", admin,
				"{\"into\": \"" + original + "\"}");

		assertThat(merged.status()).as(merged.toString()).isEqualTo(200);
		assertThat(merged.json().get("key").asString()).isEqualTo(original);
		assertThat(merged.json().get("votes").asInt()).isEqualTo(1);
		assertThat(merged.json().get("links").get(0).get("kind").asString()).isEqualTo("duplicate_of");
		JsonNode closed = api.get("/api/jira/ticket/" + duplicate, customerToken).json();
		assertThat(closed.get("status").asString()).isEqualTo("Closed");
		assertThat(closed.toString()).contains("same issue as another one");
		assertThat(api.post("/api/jira/admin/issues/" + original + "/merge", admin,
				"{\"into\": \"" + original + "\"}").status()).isEqualTo(400);
	}

	@Test
	void customersAreOfferedTheirOwnOpenTicketsWhileTyping() {
		String mine = file("Bug", "QuickBooks sync fails with timeout", "High");
		String otherCustomer = "cust-" + UUID.randomUUID();
		api.post("/api/jira/bug-report", ApiClient.customerToken("eve@other.example", otherCustomer),
				"{\"summary\": \"QuickBooks sync fails with timeout too\", \"description\": \"same\"}");
		search.awaitCurrent();

		Response suggestions = api.get("/api/jira/similar-tickets?q=quickbooks%20sync%20timeout", customerToken);
		Response tooShort = api.get("/api/jira/similar-tickets?q=qb", customerToken);

		assertThat(suggestions.status()).isEqualTo(200);
		List<String> keys = new ArrayList<>();
		suggestions.json().get("suggestions").forEach(s -> keys.add(s.get("key").asString()));
		assertThat(keys).containsExactly(mine);
		assertThat(tooShort.json().get("suggestions")).isEmpty();
	}

}
