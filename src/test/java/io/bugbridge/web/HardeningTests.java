package io.bugbridge.web;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.bugbridge.support.ApiClient;
import io.bugbridge.support.ApiTest;
import io.bugbridge.support.OnH2;
import io.bugbridge.support.RawHttp;
import io.bugbridge.support.TestAccounts;
import io.bugbridge.ticket.Actor;
import io.bugbridge.ticket.Origin;
import io.bugbridge.ticket.TicketService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Issue 13: merge cycles, provisional keys, staff names, links, headers and the API description. */
@ApiTest
@OnH2
class HardeningTests {

	@LocalServerPort
	int port;

	@Autowired
	TicketService tickets;

	ApiClient api;

	RawHttp raw;

	final String customer = "hardening-" + UUID.randomUUID();

	final String token = ApiClient.customerToken(TestAccounts.ALICE, customer);

	final String admin = ApiClient.adminToken(TestAccounts.ADMIN);

	@BeforeEach
	void setUp() {
		api = new ApiClient(port);
		raw = new RawHttp(port);
	}

	String fileBug(String summary) {
		ApiClient.Response created = api.post("/api/jira/bug-report", token,
				"{\"summary\":\"" + summary + "\",\"description\":\"d\"}");
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.json().get("key").asString();
	}

	@Test
	void mergingBackAndForthIsRefusedAsACycle() {
		String a = fileBug("A");
		String b = fileBug("B");
		String c = fileBug("C");
		assertThat(api.post("/api/jira/admin/issues/" + a + "/merge", admin, "{\"into\":\"" + b + "\"}").status())
			.isEqualTo(200);
		assertThat(api.post("/api/jira/admin/issues/" + b + "/merge", admin, "{\"into\":\"" + c + "\"}").status())
			.isEqualTo(200);

		ApiClient.Response direct = api.post("/api/jira/admin/issues/" + b + "/merge", admin, "{\"into\":\"" + a + "\"}");
		ApiClient.Response around = api.post("/api/jira/admin/issues/" + c + "/merge", admin, "{\"into\":\"" + a + "\"}");

		assertThat(direct.status()).as(direct.toString()).isEqualTo(409);
		assertThat(direct.contentType()).startsWith("application/problem+json");
		assertThat(around.status()).as(around.toString()).isEqualTo(409);
		assertThat(tickets.links(tickets.get(a))).hasSize(1);
		assertThat(tickets.get(c).status().label()).isEqualTo("Open");
	}

	@Test
	void aProvisionalKeyNamesItsOwnTicketOnly() {
		String first = fileBug("Provisional owner");
		String second = fileBug("Would-be thief");
		String provisional = "AURA-P" + (900_000 + (int) (Math.random() * 99_999));
		tickets.rekey(first, provisional, Actor.SYSTEM, Origin.TRACKER);
		tickets.rekey(provisional, first.replace("AURA-", "AURA-7"), Actor.SYSTEM, Origin.TRACKER);

		assertThatThrownBy(() -> tickets.rekey(second, provisional, Actor.SYSTEM, Origin.TRACKER))
			.isInstanceOf(IllegalArgumentException.class);
		assertThat(tickets.get(provisional).summary()).isEqualTo("Provisional owner");
		assertThat(api.get("/api/jira/ticket/" + provisional.toLowerCase(), token).json().get("summary").asString())
			.isEqualTo("Provisional owner");
		assertThat(tickets.get(second).summary()).isEqualTo("Would-be thief");
	}

	@Test
	void customersSeeTheSupportTeamNotAStaffAddress() {
		String key = fileBug("Who answered");
		assertThat(api.post("/api/jira/admin/issues/" + key + "/comment", admin,
				"{\"comment\":\"We are on it\",\"internal\":false}").status()).isEqualTo(201);

		ApiClient.Response seen = api.get("/api/jira/ticket/" + key, token);
		JsonNode comment = seen.json().get("comments").get(0);
		assertThat(comment.get("author").asString()).isEqualTo("Support team");
		assertThat(comment.get("author_type").asString()).isEqualTo("staff");
		assertThat(seen.body()).doesNotContain(TestAccounts.ADMIN);
		assertThat(api.get("/api/jira/admin/issues/" + key, admin).body()).contains(TestAccounts.ADMIN);
	}

	@Test
	void linksNeverEchoAForgedHost() {
		byte[] body = "{\"summary\":\"Host\",\"description\":\"d\"}".getBytes();
		RawHttp.Response forged = raw.send("POST", "/api/jira/bug-report", Map.of("Host", "evil.example",
				"Authorization", "Bearer " + token, "Content-Type", "application/json"), body);
		RawHttp.Response local = raw.send("POST", "/api/jira/bug-report",
				Map.of("Authorization", "Bearer " + token, "Content-Type", "application/json"), body);

		assertThat(forged.status()).as(forged.toString()).isEqualTo(201);
		assertThat(forged.body()).doesNotContain("evil.example").contains("\"url\":\"/tickets/AURA-");
		assertThat(local.body()).contains("\"url\":\"http://localhost:" + port + "/tickets/AURA-");
		RawHttp.Response list = raw.send("GET", "/api/jira/my-tickets",
				Map.of("Host", "evil.example:8443", "Authorization", "Bearer " + token), null);
		assertThat(list.body()).doesNotContain("evil.example").contains("\"url\":\"/tickets/");
	}

	@Test
	void securityHeadersOnApiAnswersAndOnTheBodyLimitsRefusal() {
		RawHttp.Response ok = raw.send("GET", "/api/jira/my-tickets", Map.of("Authorization", "Bearer " + token), null);
		assertThat(ok.header("Referrer-Policy")).isEqualTo("no-referrer");

		byte[] huge = ("{\"summary\":\"" + "x".repeat(1_100_000) + "\"}").getBytes();
		RawHttp.Response tooLarge = raw.send("POST", "/api/jira/bug-report",
				Map.of("Authorization", "Bearer " + token, "Content-Type", "application/json"), huge);
		assertThat(tooLarge.status()).isEqualTo(413);
		assertThat(tooLarge.header("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(tooLarge.header("Referrer-Policy")).isEqualTo("no-referrer");
		assertThat(tooLarge.header("Cache-Control")).contains("no-store");
	}

	@Test
	void theSessionCookieIsSameSite() {
		RawHttp.Response page = raw.send("GET", "/tickets", Map.of("Accept", "text/html"), null);
		assertThat(page.header("Set-Cookie")).as(page.toString()).contains("JSESSIONID").contains("SameSite=Lax")
			.contains("HttpOnly");
	}

	@Test
	void theApiDescriptionHasNoCallerParameterAndListsTheJiraWebhook() {
		JsonNode doc = api.get("/v3/api-docs", null).json();
		assertThat(doc.toString()).doesNotContain("\"name\":\"caller\"");
		JsonNode webhook = doc.at("/paths/~1api~1jira~1webhook/post");
		assertThat(webhook.isMissingNode()).isFalse();
		assertThat(webhook.get("security")).isEmpty();
		assertThat(List.of(doc.get("paths").propertyNames().toArray())).contains("/api/jira/webhook");
	}

}
