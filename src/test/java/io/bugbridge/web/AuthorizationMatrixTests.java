package io.bugbridge.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import io.bugbridge.security.Role;
import io.bugbridge.support.ApiClient;
import io.bugbridge.support.ApiTest;
import io.bugbridge.support.OnH2;
import io.bugbridge.support.RawHttp;
import io.bugbridge.support.TestAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may call what, for every operation of the OpenAPI document: anonymous, customer A (owns the
 * fixtures), customer B (another account), admin, and forged tokens (wrong secret, expired,
 * {@code alg: none}, no {@code sub}). An operation added to the API without a row here fails this
 * test. Besides the status, no answer to anyone but A and the admin may carry A's data.
 */
@ApiTest
@OnH2
class AuthorizationMatrixTests {

	private static final Set<Integer> UNAUTHENTICATED = Set.of(401);

	private static final Set<Integer> FORBIDDEN = Set.of(403);

	private static final Set<Integer> NOT_FOUND = Set.of(404);

	private static final Set<Integer> OK = Set.of(200);

	private static final Set<Integer> CREATED = Set.of(201);

	/** Webhooks: no bearer token; without the integration configured there is nothing there. */
	private static final Set<Integer> WEBHOOK = Set.of(401, 404, 503);

	/**
	 * Browser endpoints the document lists (event stream, attachment files): they take the session
	 * of a signed-in page, never a bearer token, so every caller here is sent to sign in.
	 */
	private static final Set<Integer> BROWSER = Set.of(302, 401);

	@LocalServerPort
	int port;

	/** A row: method, path template, body, and the statuses expected of anonymous, A, B and admin. */
	record Row(String method, String path, String body, Set<Integer> anonymous, Set<Integer> customerA,
			Set<Integer> customerB, Set<Integer> admin) {

		String operation() {
			return method + " " + path;
		}

	}

	static final String BUG = "{\"summary\":\"Matrix\",\"description\":\"d\",\"priority\":\"Low\"}";

	static List<Row> rows() {
		Set<Integer> adminOnly = FORBIDDEN;
		return List.of(
				new Row("POST", "/api/jira/bug-report", BUG, UNAUTHENTICATED, CREATED, CREATED, CREATED),
				new Row("POST", "/api/jira/feature-request", BUG, UNAUTHENTICATED, CREATED, CREATED, CREATED),
				new Row("POST", "/api/jira/support-ticket", BUG, UNAUTHENTICATED, CREATED, CREATED, CREATED),
				new Row("GET", "/api/jira/my-tickets", null, UNAUTHENTICATED, OK, OK, OK),
				new Row("GET", "/api/jira/similar-tickets?q=secret%20marker%20words", null, UNAUTHENTICATED, OK, OK, OK),
				new Row("GET", "/api/jira/ticket/{key}", null, UNAUTHENTICATED, OK, NOT_FOUND, OK),
				new Row("POST", "/api/jira/ticket/{key}/comment", "{\"comment\":\"hi\"}", UNAUTHENTICATED, CREATED,
						NOT_FOUND, CREATED),
				// A's bug is open: a rating is refused, but only after the ticket was found to be A's.
				new Row("POST", "/api/jira/ticket/{key}/rating", "{\"score\":5}", UNAUTHENTICATED, Set.of(409),
						NOT_FOUND, FORBIDDEN),
				new Row("POST", "/api/jira/ticket/{feature}/vote", "", UNAUTHENTICATED, CREATED, NOT_FOUND, FORBIDDEN),
				new Row("DELETE", "/api/jira/ticket/{feature}/vote", null, UNAUTHENTICATED, OK, NOT_FOUND, FORBIDDEN),
				new Row("GET", "/api/jira/admin/issues", null, UNAUTHENTICATED, adminOnly, adminOnly, OK),
				new Row("GET", "/api/jira/admin/issues/{key}", null, UNAUTHENTICATED, adminOnly, adminOnly, OK),
				new Row("PATCH", "/api/jira/admin/issues/{key}", "{\"priority\":\"High\"}", UNAUTHENTICATED, adminOnly,
						adminOnly, OK),
				new Row("POST", "/api/jira/admin/issues/{key}/comment", "{\"comment\":\"note\"}", UNAUTHENTICATED,
						adminOnly, adminOnly, CREATED),
				new Row("GET", "/api/jira/admin/issues/{key}/similar", null, UNAUTHENTICATED, adminOnly, adminOnly, OK),
				new Row("POST", "/api/jira/admin/issues/{merge}/merge", "{\"into\":\"{key}\"}", UNAUTHENTICATED,
						adminOnly, adminOnly, OK),
				new Row("GET", "/api/jira/admin/issues/{key}/sync", null, UNAUTHENTICATED, adminOnly, adminOnly, OK),
				// Without Jira there is never anything to retry.
				new Row("POST", "/api/jira/admin/issues/{key}/sync/retry", "", UNAUTHENTICATED, adminOnly, adminOnly,
						Set.of(409)),
				new Row("GET", "/api/jira/admin/issues/{key}/fixes", null, UNAUTHENTICATED, adminOnly, adminOnly, OK),
				new Row("GET", "/api/jira/admin/issues/{key}/analyses", null, UNAUTHENTICATED, adminOnly, adminOnly, OK),
				new Row("GET", "/api/jira/admin/fixes/{id}", null, UNAUTHENTICATED, adminOnly, adminOnly, NOT_FOUND),
				new Row("POST", "/api/jira/admin/fixes/{id}/cancel", "", UNAUTHENTICATED, adminOnly, adminOnly,
						NOT_FOUND),
				new Row("GET", "/api/jira/admin/analyses/{id}", null, UNAUTHENTICATED, adminOnly, adminOnly, NOT_FOUND),
				new Row("POST", "/api/jira/admin/analyze-bug", "{\"issue_key\":\"NOPE-999999\"}", UNAUTHENTICATED,
						adminOnly, adminOnly, NOT_FOUND),
				new Row("GET", "/api/jira/admin/stats", null, UNAUTHENTICATED, adminOnly, adminOnly, OK),
				new Row("POST", "/api/jira/admin/check-stale-tickets", "", UNAUTHENTICATED, adminOnly, adminOnly,
						Set.of(200, 202)),
				new Row("POST", "/api/jira/admin/weekly-report", "", UNAUTHENTICATED, adminOnly, adminOnly,
						Set.of(200, 202)),
				new Row("POST", "/api/jira/admin/sync-stats", "", UNAUTHENTICATED, adminOnly, adminOnly,
						Set.of(200, 202)),
				new Row("GET", "/api/jira/admin/health", null, UNAUTHENTICATED, adminOnly, adminOnly,
						Set.of(200, 404, 503)),
				new Row("GET", "/api/jira/admin/ai", null, UNAUTHENTICATED, adminOnly, adminOnly, OK),
				new Row("POST", "/api/jira/webhook", "{}", WEBHOOK, WEBHOOK, WEBHOOK, WEBHOOK),
				new Row("POST", "/api/github/webhook", "{}", WEBHOOK, WEBHOOK, WEBHOOK, WEBHOOK),
				new Row("GET", "/admin/events", null, BROWSER, BROWSER, BROWSER, BROWSER),
				new Row("GET", "/tickets/{key}/attachments/{id}", null, BROWSER, BROWSER, BROWSER, BROWSER));
	}

	@Test
	void everyOperationOfTheDocumentHasARowAndEveryRowHolds() {
		ApiClient api = new ApiClient(port);
		String customer = "matrix-a-" + UUID.randomUUID();
		String marker = "secretmarker" + UUID.randomUUID().toString().replace("-", "");
		String alice = ApiClient.customerToken(TestAccounts.ALICE, customer);
		String bob = ApiClient.customerToken(TestAccounts.BOB, "matrix-b-" + UUID.randomUUID());
		String admin = ApiClient.adminToken(TestAccounts.ADMIN);
		Map<String, String> forged = new LinkedHashMap<>();
		forged.put("wrong secret", ApiClient.tokenSignedWith("another-secret-that-is-long-enough-for-hs256-9876",
				TestAccounts.ALICE, customer, List.of(Role.CUSTOMER, Role.ADMIN)));
		forged.put("expired", ApiClient.token(TestAccounts.ALICE, customer, List.of(Role.CUSTOMER, Role.ADMIN),
				Duration.ofHours(-2)));
		forged.put("alg none", ApiClient.unsignedToken(TestAccounts.ALICE, customer, List.of(Role.CUSTOMER, Role.ADMIN)));
		forged.put("no sub", ApiClient.tokenWithout("sub", TestAccounts.ALICE, customer,
				List.of(Role.CUSTOMER, Role.ADMIN), Duration.ofHours(1)));

		// Covers every operation the document lists, and nothing it does not.
		JsonNode paths = api.get("/v3/api-docs", null).json().get("paths");
		Set<String> documented = new TreeSet<>();
		paths.properties().forEach(path -> path.getValue().propertyNames().forEach(method -> {
			if (List.of("get", "post", "put", "patch", "delete").contains(method)) {
				documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
			}
		}));
		Set<String> covered = new TreeSet<>();
		rows().forEach(row -> covered.add(row.method() + " " + row.path()
			.replaceAll("\\?.*", "")
			.replace("{feature}", "{key}")
			.replace("{merge}", "{key}")));
		assertThat(covered).as("rows of this matrix vs. operations of /v3/api-docs").isEqualTo(documented);

		String bug = file(api, alice, "/api/jira/bug-report",
				"{\"summary\":\"" + marker + " secret marker words\",\"description\":\"" + marker + "\"}");
		String feature = file(api, alice, "/api/jira/feature-request",
				"{\"summary\":\"" + marker + " wish\",\"description\":\"" + marker + "\"}");
		String merge = file(api, alice, "/api/jira/bug-report", "{\"summary\":\"" + marker + " duplicate\",\"description\":\"d\"}");

		RawHttp raw = new RawHttp(port);
		List<String> failures = new ArrayList<>();
		for (Row row : rows()) {
			String path = row.path().replace("{key}", bug).replace("{feature}", feature).replace("{merge}", merge)
				.replace("{id}", "999999");
			String body = row.body() == null ? null : row.body().replace("{key}", bug);
			Map<String, Set<Integer>> expected = new LinkedHashMap<>();
			Map<String, String> tokens = new LinkedHashMap<>();
			tokens.put("anonymous", null);
			expected.put("anonymous", row.anonymous());
			forged.forEach((name, token) -> {
				tokens.put(name, token);
				// A forged token gets no further than no token at all.
				expected.put(name, row.anonymous());
			});
			tokens.put("customer B", bob);
			expected.put("customer B", row.customerB());
			tokens.put("customer A", alice);
			expected.put("customer A", row.customerA());
			tokens.put("admin", admin);
			expected.put("admin", row.admin());
			for (var entry : tokens.entrySet()) {
				String who = entry.getKey();
				Map<String, String> headers = new LinkedHashMap<>();
				if (entry.getValue() != null) {
					headers.put("Authorization", "Bearer " + entry.getValue());
				}
				if (body != null) {
					headers.put("Content-Type", "application/json");
				}
				RawHttp.Response response = raw.send(row.method(), path, headers,
						body == null ? null : body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
				if (!expected.get(who).contains(response.status())) {
					failures.add(row.operation() + " as " + who + ": expected " + expected.get(who) + ", got "
							+ response.status() + " " + abbreviate(response.body()));
				}
				boolean maySeeA = who.equals("customer A") || who.equals("admin");
				if (!maySeeA && (response.body().contains(marker) || response.body().contains(TestAccounts.ALICE))) {
					failures.add(row.operation() + " as " + who + " shows customer A's data: "
							+ abbreviate(response.body()));
				}
				if (response.status() >= 500) {
					failures.add(row.operation() + " as " + who + ": " + response.status());
				}
			}
		}
		assertThat(failures).isEmpty();
	}

	private static String file(ApiClient api, String token, String path, String body) {
		ApiClient.Response created = api.post(path, token, body);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.json().get("key").asString();
	}

	private static String abbreviate(String text) {
		return text.length() > 200 ? text.substring(0, 200) + "…" : text;
	}

}
