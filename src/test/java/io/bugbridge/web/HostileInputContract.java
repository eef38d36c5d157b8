package io.bugbridge.web;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.bugbridge.security.Role;
import io.bugbridge.support.ApiClient;
import io.bugbridge.support.ApiClient.Response;
import io.bugbridge.support.RawHttp;
import io.bugbridge.support.TestAccounts;
import io.bugbridge.support.TestImages;
import io.bugbridge.ticket.Actor;
import io.bugbridge.ticket.NewAttachment;
import io.bugbridge.ticket.NewTicket;
import io.bugbridge.ticket.Priority;
import io.bugbridge.ticket.Ticket;
import io.bugbridge.ticket.TicketQuery;
import io.bugbridge.ticket.TicketService;
import io.bugbridge.ticket.TicketType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile input over every body field and query parameter of the customer and admin APIs: wrong
 * types, huge and deeply nested values, NUL and other control characters, invalid UTF-8, injection
 * strings, broken percent-encoding. Nothing may answer 5xx, and a refused request stores nothing.
 * Runs once per database (NUL is the case where H2 and PostgreSQL used to differ).
 */
abstract class HostileInputContract {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** JSON values that are wrong for at least some fields; each replaces one field of a valid body. */
	static final List<String> HOSTILE_JSON = List.of("12345", "-1", "1e400", "true", "0", "\"false\"", "{\"a\":1}",
			"[1,2]", "null", quote("x".repeat(40_000)), "[".repeat(2_000) + "]".repeat(2_000),
			"{\"a\":".repeat(1_000) + "1" + "}".repeat(1_000), quote("a\u0000b"), quote("\u0001\u0008\u001b[31m\u007f"),
			quote("'; DROP TABLE ticket; --"), quote("<script>alert(1)</script>"), quote("${jndi:ldap://x/a}"),
			quote("%zz%ff%00"), "\"\\ud800\"", quote("\u202e\ufeff"), quote("Robert'); --"), quote("   "));

	/** Raw, already percent-encoded query values. */
	static final List<String> HOSTILE_QUERY = List.of("%zz", "%ff", "%00", "a%00b", "%C0%AF", "%", "%2", "x".repeat(5_000),
			"'%3B%20DROP%20TABLE%20ticket%3B--", "-1", "0", "99999999999999999999", "1.5", "%E2%80%AE", "%3Cscript%3E",
			"Open,Closed,%00", "2026-13-45", "%7B%7D", "true");

	@LocalServerPort
	int port;

	@Autowired
	TicketService tickets;

	ApiClient api;

	RawHttp raw;

	final String customer = "hostile-" + UUID.randomUUID();

	final String token = ApiClient.customerToken(TestAccounts.ALICE, customer);

	final String admin = ApiClient.adminToken(TestAccounts.ADMIN);

	@BeforeEach
	void setUp() {
		api = new ApiClient(port);
		raw = new RawHttp(port);
	}

	static String quote(String text) {
		return JSON.writeValueAsString(text);
	}

	long stored() {
		return tickets.list(new TicketQuery(customer, null, null, null, null, 200, null)).total();
	}

	static String withField(String base, String field, String json) {
		String body = base.substring(0, base.length() - 1).trim();
		return body + (body.endsWith("{") ? "" : ",") + "\"" + field + "\":" + json + "}";
	}

	// --- intake bodies ---

	@Test
	void intakeBodiesNeverFailAndRefusalsStoreNothing() {
		Map<String, List<String>> fields = Map.of("/api/jira/bug-report",
				List.of("summary", "description", "reporter_email", "customer_id", "priority", "environment",
						"steps_to_reproduce", "expected_behavior", "actual_behavior", "unknown_field"),
				"/api/jira/feature-request",
				List.of("summary", "description", "requester_email", "customer_id", "priority", "business_value",
						"use_case"),
				"/api/jira/support-ticket",
				List.of("summary", "description", "requester_email", "customer_id", "priority", "category"));
		List<String> failures = new ArrayList<>();
		fields.forEach((path, names) -> {
			for (String field : names) {
				for (String value : HOSTILE_JSON) {
					String body = field.equals("summary") ? "{\"description\":\"d\"}"
							: "{\"summary\":\"Hostile " + field + "\",\"description\":\"d\"}";
					long before = stored();
					Response response = api.post(path, token, withField(body, field, value));
					long after = stored();
					check(failures, path + " " + field + "=" + abbreviate(value), response, before, after);
				}
			}
		});
		assertThat(failures).isEmpty();
	}

	@Test
	void wrongTypesAreRefusedNamingTheField() {
		long before = stored();
		for (String[] c : new String[][] { { "summary", "{\"summary\":12345,\"description\":\"d\"}" },
				{ "summary", "{\"summary\":true,\"description\":\"d\"}" },
				{ "summary", "{\"summary\":{\"a\":1},\"description\":\"d\"}" },
				{ "description", "{\"summary\":\"s\",\"description\":42}" },
				{ "priority", "{\"summary\":\"s\",\"description\":\"d\",\"priority\":1}" },
				{ "priority", "{\"summary\":\"s\",\"description\":\"d\",\"priority\":[\"High\"]}" } }) {
			Response response = api.post("/api/jira/bug-report", token, c[1]);
			assertThat(response.status()).as(c[1] + " -> " + response).isEqualTo(400);
			assertThat(response.contentType()).startsWith("application/problem+json");
			assertThat(fields(response)).as(c[1]).contains(c[0]);
		}
		assertThat(stored()).isEqualTo(before);
	}

	@Test
	void nulInAnyTextIsRefusedNamingTheFieldOnEveryDatabase() {
		long before = stored();
		Response response = api.post("/api/jira/bug-report", token,
				"{\"summary\":\"ok\",\"description\":\"before\\u0000after\"}");
		assertThat(response.status()).as(response.toString()).isEqualTo(400);
		assertThat(fields(response)).containsExactly("description");
		Response nested = api.post("/api/jira/support-ticket", token,
				"{\"summary\":\"s\\u0000\",\"description\":\"d\"}");
		assertThat(nested.status()).isEqualTo(400);
		assertThat(fields(nested)).containsExactly("summary");
		assertThat(stored()).isEqualTo(before);

		RawHttp.Response query = raw.send("GET", "/api/jira/my-tickets?q=a%00b", Map.of("Authorization", "Bearer " + token),
				null);
		assertThat(query.status()).as(query.toString()).isEqualTo(400);
		assertThat(query.body()).contains("\"field\":\"q\"");
	}

	@Test
	void nulInAnUploadsFileNameIsDropped() {
		Actor alice = new Actor("alice", TestAccounts.ALICE, null, Actor.Kind.CUSTOMER);
		Ticket ticket = tickets.create(new NewTicket(TicketType.BUG, "With a screenshot", "d", Priority.LOW,
				TestAccounts.ALICE, null, customer, null, null, null, null, null, null, null),
				List.of(new NewAttachment("shot\u0000.png\u0007", "image/png", TestImages.png())), alice);

		assertThat(tickets.attachments(ticket)).singleElement()
			.satisfies(attachment -> assertThat(attachment.fileName()).isEqualTo("shot.png"));
	}

	@Test
	void invalidUtf8IsRefusedNotReadAsASlash() {
		long before = stored();
		byte[] body = "{\"summary\":\"a\u0001\",\"description\":\"x\"}".getBytes(StandardCharsets.UTF_8);
		// Overlong encoding of '/': C0 AF in place of the control character.
		body[13] = (byte) 0xC0;
		byte[] overlong = new byte[body.length + 1];
		System.arraycopy(body, 0, overlong, 0, 14);
		overlong[14] = (byte) 0xAF;
		System.arraycopy(body, 14, overlong, 15, body.length - 14);
		for (byte[] bad : List.of(overlong, "{\"summary\":\"\u00ff\",\"description\":\"x\"}".getBytes(StandardCharsets.ISO_8859_1))) {
			RawHttp.Response response = raw.send("POST", "/api/jira/bug-report",
					Map.of("Authorization", "Bearer " + token, "Content-Type", "application/json"), bad);
			assertThat(response.status()).as(response.toString()).isEqualTo(400);
			assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		}
		assertThat(stored()).isEqualTo(before);
	}

	// --- query strings and paths ---

	@Test
	void queryParametersNeverFail() {
		Map<String, List<String>> parameters = Map.of("/api/jira/my-tickets",
				List.of("status", "type", "issue_type", "q", "email", "customer_id", "max_results", "cursor", "%zz"),
				"/api/jira/similar-tickets", List.of("q", "limit"), "/api/jira/admin/issues",
				List.of("issue_type", "status", "priority", "customer_id", "assignee", "q", "created_from", "created_to",
						"updated_from", "updated_to", "sort", "max_results", "cursor"));
		String key = fileBug("Query target");
		List<String> failures = new ArrayList<>();
		parameters.forEach((path, names) -> {
			String bearer = path.contains("/admin/") ? admin : token;
			for (String name : names) {
				for (String value : HOSTILE_QUERY) {
					RawHttp.Response response = raw.send("GET", path + "?" + name + "=" + value,
							Map.of("Authorization", "Bearer " + bearer), null);
					if (response.status() >= 500 || response.body().contains("\tat ")) {
						failures.add(path + "?" + name + "=" + abbreviate(value) + " -> " + abbreviate(response.toString()));
					}
				}
			}
		});
		for (String value : HOSTILE_QUERY) {
			RawHttp.Response similar = raw.send("GET", "/api/jira/admin/issues/" + key + "/similar?limit=" + value,
					Map.of("Authorization", "Bearer " + admin), null);
			if (similar.status() >= 500) {
				failures.add("similar limit=" + abbreviate(value) + " -> " + similar.status());
			}
		}
		assertThat(failures).isEmpty();
	}

	@Test
	void brokenPercentEncodingIsA400AnywhereEvenAnonymously() {
		for (String target : List.of("/login?x=%zz", "/actuator/health?x=%zz", "/api/jira/my-tickets?q=%ff",
				"/api/jira/my-tickets?q=%", "/?a=%C0%AF", "/v3/api-docs?x=%zz")) {
			RawHttp.Response response = raw.send("GET", target, Map.of(), null);
			assertThat(response.status()).as(target + " -> " + response).isEqualTo(400);
			assertThat(response.header("Content-Type")).startsWith("application/problem+json");
			assertThat(response.body()).doesNotContain("\tat ").hasSizeLessThan(1_000);
		}
		RawHttp.Response form = raw.send("POST", "/login",
				Map.of("Content-Type", "application/x-www-form-urlencoded"), "email=%zz&password=x".getBytes());
		assertThat(form.status()).as(form.toString()).isEqualTo(400);
	}

	@Test
	void theErrorPageAskedForDirectlyIsNotFound() {
		for (String method : List.of("GET", "POST")) {
			RawHttp.Response response = raw.send(method, "/error", Map.of(), null);
			assertThat(response.status()).as(response.toString()).isEqualTo(404);
			assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		}
	}

	@Test
	void hostilePathsNeverFail() {
		for (String key : List.of("%00", "a%00b", "%zz", "..%2F..%2Fetc", "%C0%AF", "x".repeat(3_000), "AURA-1'--",
				"%E2%80%AE", "AURA-P1%20")) {
			for (String path : List.of("/api/jira/ticket/" + key, "/api/jira/admin/issues/" + key)) {
				RawHttp.Response response = raw.send("GET", path,
						Map.of("Authorization", "Bearer " + (path.contains("admin") ? admin : token)), null);
				assertThat(response.status()).as(path + " -> " + response).isBetween(400, 499);
			}
		}
	}

	// --- comments, ratings, votes, admin bodies ---

	@Test
	void commentBodiesNeverFailAndRefusalsStoreNothing() {
		String key = fileBug("Comment target");
		Ticket ticket = tickets.get(key);
		List<String> failures = new ArrayList<>();
		for (String value : HOSTILE_JSON) {
			for (String[] target : new String[][] { { "/api/jira/ticket/" + key + "/comment", token, "comment" },
					{ "/api/jira/admin/issues/" + key + "/comment", admin, "comment" },
					{ "/api/jira/admin/issues/" + key + "/comment", admin, "internal" } }) {
				int before = tickets.comments(ticket, true).size();
				String body = target[2].equals("internal") ? withField("{\"comment\":\"c\"}", "internal", value)
						: withField("{}", target[2], value);
				Response response = api.post(target[0], target[1], body);
				int after = tickets.comments(ticket, true).size();
				check(failures, target[0] + " " + target[2] + "=" + abbreviate(value), response, before, after);
			}
		}
		assertThat(failures).isEmpty();
	}

	@Test
	void internalMustBeARealBoolean() {
		String key = fileBug("Internal flag");
		Ticket ticket = tickets.get(key);
		for (String value : List.of("\"false\"", "0", "1", "\"no\"", "[]", "{}")) {
			Response response = api.post("/api/jira/admin/issues/" + key + "/comment", admin,
					"{\"comment\":\"Should stay internal\",\"internal\":" + value + "}");
			assertThat(response.status()).as(value + " -> " + response).isEqualTo(400);
			assertThat(fields(response)).containsExactly("internal");
		}
		assertThat(tickets.comments(ticket, true)).isEmpty();
		assertThat(api.post("/api/jira/admin/issues/" + key + "/comment", admin,
				"{\"comment\":\"Public\",\"internal\":false}").status()).isEqualTo(201);
		assertThat(tickets.comments(ticket, false)).hasSize(1);
	}

	@Test
	void ratingsPatchesAndMergesNeverFail() {
		String key = fileBug("Admin target");
		String other = fileBug("Merge target");
		List<String> failures = new ArrayList<>();
		for (String value : HOSTILE_JSON) {
			check(failures, "rating score=" + abbreviate(value),
					api.post("/api/jira/ticket/" + key + "/rating", token, withField("{}", "score", value)), 0, 0);
			check(failures, "rating comment=" + abbreviate(value), api.post("/api/jira/ticket/" + key + "/rating",
					token, withField("{\"score\":4}", "comment", value)), 0, 0);
			for (String field : List.of("status", "priority", "assignee_email", "summary", "nonsense")) {
				Response patched = api.patch("/api/jira/admin/issues/" + key, admin, withField("{}", field, value));
				if (patched.status() >= 500) {
					failures.add("patch " + field + "=" + abbreviate(value) + " -> " + abbreviate(patched.toString()));
				}
			}
			Response merged = api.post("/api/jira/admin/issues/" + key + "/merge", admin, withField("{}", "into", value));
			check(failures, "merge into=" + abbreviate(value), merged, 0, 0);
			Response analysed = api.post("/api/jira/admin/analyze-bug", admin, withField("{}", "issue_key", value));
			if (analysed.status() >= 500) {
				failures.add("analyze issue_key=" + abbreviate(value) + " -> " + abbreviate(analysed.toString()));
			}
		}
		assertThat(failures).isEmpty();
		assertThat(tickets.get(key).status().label()).isEqualTo("Open");
		assertThat(tickets.links(tickets.get(other))).isEmpty();
	}

	@Test
	void aTokenWithoutSubjectIsRefusedNotAFiveHundred() {
		String key = fileBug("Vote target");
		String noSub = ApiClient.tokenWithout("sub", TestAccounts.ALICE, customer, List.of(Role.CUSTOMER),
				Duration.ofHours(1));
		Response vote = api.post("/api/jira/ticket/" + key + "/vote", noSub, "");
		assertThat(vote.status()).as(vote.toString()).isEqualTo(401);
		assertThat(vote.contentType()).startsWith("application/problem+json");
	}

	// --- helpers ---

	String fileBug(String summary) {
		Response created = api.post("/api/jira/bug-report", token,
				"{\"summary\":\"" + summary + "\",\"description\":\"d\",\"priority\":\"Low\"}");
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.json().get("key").asString();
	}

	/** Never 5xx, never a stack trace; a refused request changes nothing, an accepted one adds one. */
	static void check(List<String> failures, String what, Response response, long before, long after) {
		if (response.status() >= 500 || response.body().contains("\tat ") || response.body().contains("Exception")) {
			failures.add(what + " -> " + abbreviate(response.toString()));
		}
		else if (response.status() >= 400 && after != before) {
			failures.add(what + " was refused (" + response.status() + ") but stored something");
		}
		else if (response.status() >= 400 && !response.contentType().startsWith("application/problem+json")) {
			failures.add(what + " -> " + response.status() + " without a problem document");
		}
	}

	static List<String> fields(Response response) {
		List<String> fields = new ArrayList<>();
		JsonNode errors = response.json().get("errors");
		if (errors != null) {
			errors.forEach(e -> fields.add(e.get("field").asString()));
		}
		return fields;
	}

	static String abbreviate(String text) {
		return text.length() > 120 ? text.substring(0, 120) + "…(" + text.length() + ")" : text;
	}

}
