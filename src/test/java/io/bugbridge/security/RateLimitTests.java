package io.bugbridge.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import io.bugbridge.support.ApiClient;
import io.bugbridge.support.TestAccounts;
import io.bugbridge.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rate limits with their real defaults (no {@code bugbridge.rate-limit.*} setting here, unlike
 * {@code @ApiTest}): customers 60 a minute per subject, admins 300, webhooks 100 per IP, and ten
 * failed sign-ins per account stop that account, even with the right password.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "bugbridge.jwt.secret=" + ApiClient.TEST_SECRET,
				"bugbridge.signin.users[0].email=" + TestAccounts.ADMIN,
				"bugbridge.signin.users[0].password=" + TestAccounts.HASH, "bugbridge.signin.users[0].roles=admin",
				"bugbridge.signin.users[1].email=" + TestAccounts.ALICE,
				"bugbridge.signin.users[1].password=" + TestAccounts.HASH, "bugbridge.signin.users[1].roles=customer",
				"bugbridge.signin.users[1].customer-id=" + TestAccounts.ACME })
@io.bugbridge.support.OnH2
class RateLimitTests {

	static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	RateLimitProperties properties;

	@Test
	void theDefaultsAreTheBriefs() {
		assertThat(properties.enabled()).isTrue();
		assertThat(properties.customer()).isEqualTo(new RateLimitProperties.Limit(60, Duration.ofMinutes(1)));
		assertThat(properties.admin()).isEqualTo(new RateLimitProperties.Limit(300, Duration.ofMinutes(1)));
		assertThat(properties.webhook()).isEqualTo(new RateLimitProperties.Limit(100, Duration.ofMinutes(1)));
		assertThat(properties.signInAccount()).isEqualTo(new RateLimitProperties.Limit(10, Duration.ofMinutes(15)));
		assertThat(properties.signInIp()).isEqualTo(new RateLimitProperties.Limit(30, Duration.ofMinutes(15)));
	}

	@Test
	void theSixtyFirstCustomerRequestOfAMinuteIsRefusedAndOtherCustomersGoOn() throws Exception {
		String token = ApiClient.customerToken("limited@acme.example", TestAccounts.ACME);
		for (int i = 1; i <= 60; i++) {
			HttpResponse<String> ok = get(port, "/api/jira/issue/AURA-999999", token);
			assertThat(ok.statusCode()).as("request %d", i).isNotEqualTo(429);
			assertThat(ok.headers().firstValue("RateLimit-Limit")).contains("60");
			assertThat(ok.headers().firstValue("RateLimit-Remaining")).contains(Integer.toString(60 - i));
		}
		HttpResponse<String> refused = get(port, "/api/jira/issue/AURA-999999", token);
		assertTooManyRequests(refused, 60);
		assertThat(refused.headers().firstValue("RateLimit-Policy")).contains("60;w=60");

		String other = ApiClient.customerToken("unhurried@acme.example", TestAccounts.ACME);
		HttpResponse<String> unaffected = get(port, "/api/jira/issue/AURA-999999", other);
		assertThat(unaffected.statusCode()).isEqualTo(404);
		assertThat(unaffected.headers().firstValue("RateLimit-Remaining")).contains("59");
	}

	@Test
	void adminsHaveThreeHundredAMinute() throws Exception {
		String token = ApiClient.adminToken("busy-admin@bugbridge.example");
		for (int i = 1; i <= 300; i++) {
			HttpResponse<String> ok = get(port, "/api/jira/admin/issues?limit=1", token);
			assertThat(ok.statusCode()).as("request %d", i).isEqualTo(200);
		}
		assertTooManyRequests(get(port, "/api/jira/admin/issues?limit=1", token), 300);
		// Another admin has buckets of their own.
		assertThat(get(port, "/api/jira/admin/issues?limit=1", ApiClient.adminToken("calm-admin@bugbridge.example"))
			.statusCode()).isEqualTo(200);
	}

	@Test
	void webhooksAreLimitedPerSourceAddress() throws Exception {
		// Tomcat takes the client address from X-Forwarded-For when the connection comes from a local proxy.
		for (int i = 1; i <= 100; i++) {
			assertThat(webhook("203.0.113.7").statusCode()).as("delivery %d", i).isNotEqualTo(429);
		}
		assertTooManyRequests(webhook("203.0.113.7"), 100);
		HttpResponse<String> otherSource = webhook("203.0.113.8");
		assertThat(otherSource.statusCode()).isNotEqualTo(429);
		assertThat(otherSource.headers().firstValue("RateLimit-Remaining")).contains("99");
	}

	@Test
	void tenWrongPasswordsStopTheAccountEvenWithTheRightOne() throws Exception {
		WebSession browser = new WebSession(port);
		for (int i = 1; i <= 10; i++) {
			WebSession.Page wrong = browser.signIn(TestAccounts.ALICE, "guess-" + i);
			assertThat(wrong.status()).as("attempt %d", i).isEqualTo(302);
			assertThat(wrong.headers().firstValue("Location").orElseThrow()).contains("/login?error");
		}
		WebSession.Page refused = browser.signIn(TestAccounts.ALICE, TestAccounts.PASSWORD);
		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.headers().firstValue("Retry-After").map(Long::parseLong).orElseThrow())
			.isBetween(1L, 15 * 60L);
		assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
		// The same account in other letters is the same account.
		assertThat(browser.signIn(TestAccounts.ALICE.toUpperCase(), TestAccounts.PASSWORD).status()).isEqualTo(429);

		// Once the bucket is reset (as its refill does after 15 minutes), the right password works again.
		jdbc.sql("DELETE FROM rate_limit_bucket WHERE id = :id").param("id", "signin-account:" + TestAccounts.ALICE).update();
		WebSession.Page signedIn = browser.signIn(TestAccounts.ALICE, TestAccounts.PASSWORD);
		assertThat(signedIn.status()).isEqualTo(302);
		assertThat(signedIn.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
		// A successful sign-in forgets the account's failures.
		assertThat(jdbc.sql("SELECT COUNT(*) FROM rate_limit_bucket WHERE id = :id")
			.param("id", "signin-account:" + TestAccounts.ALICE)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void anAddressThatGuessesManyAccountsIsStoppedToo() throws Exception {
		String ip = "198.51.100.23";
		WebSession browser = new WebSession(port);
		browser.get("/login", Map.of("X-Forwarded-For", ip));
		for (int i = 1; i <= 30; i++) {
			WebSession.Page wrong = signInFrom(browser, ip, "nobody-" + i + "@example.com", "wrong");
			assertThat(wrong.status()).as("attempt %d", i).isEqualTo(302);
			assertThat(wrong.headers().firstValue("Location").orElseThrow()).contains("/login?error");
		}
		WebSession.Page refused = signInFrom(browser, ip, TestAccounts.ADMIN, TestAccounts.PASSWORD);
		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.headers().firstValue("RateLimit-Limit")).contains("30");
		assertThat(refused.headers().firstValue("RateLimit-Policy")).contains("30;w=900");
		// The admin can still sign in from elsewhere.
		WebSession elsewhere = new WebSession(port);
		elsewhere.get("/login", Map.of("X-Forwarded-For", "198.51.100.24"));
		WebSession.Page signedIn = signInFrom(elsewhere, "198.51.100.24", TestAccounts.ADMIN, TestAccounts.PASSWORD);
		assertThat(signedIn.status()).isEqualTo(302);
		assertThat(signedIn.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
	}

	@Test
	void anonymousRequestsAreLimitedPerAddress() throws Exception {
		String ip = "192.0.2.77";
		for (int i = 1; i <= 60; i++) {
			HttpResponse<String> response = HTTP.send(HttpRequest
				.newBuilder(URI.create("http://localhost:" + port + "/api/jira/issue/AURA-1"))
				.header("X-Forwarded-For", ip)
				.GET()
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as("request %d", i).isEqualTo(401);
		}
		HttpResponse<String> refused = HTTP.send(HttpRequest
			.newBuilder(URI.create("http://localhost:" + port + "/api/jira/issue/AURA-1"))
			.header("X-Forwarded-For", ip)
			.GET()
			.build(), HttpResponse.BodyHandlers.ofString());
		assertTooManyRequests(refused, 60);
	}

	private static WebSession.Page signInFrom(WebSession browser, String ip, String email, String password) {
		return browser.postFormWithHeaders("/login", Map.of("email", email, "password", password),
				Map.of("X-Forwarded-For", ip));
	}

	private HttpResponse<String> webhook(String ip) throws Exception {
		return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/jira/webhook"))
			.header("Content-Type", "application/json")
			.header("X-Forwarded-For", ip)
			.POST(HttpRequest.BodyPublishers.ofString("{}"))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	static HttpResponse<String> get(int port, String path, String token) throws Exception {
		return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Authorization", "Bearer " + token)
			.GET()
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	static void assertTooManyRequests(HttpResponse<String> response, int limit) {
		assertThat(response.statusCode()).isEqualTo(429);
		assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
		assertThat(response.body()).contains("\"status\":429").contains("Too Many Requests");
		assertThat(response.headers().firstValue("RateLimit-Limit")).contains(Integer.toString(limit));
		assertThat(response.headers().firstValue("RateLimit-Remaining")).contains("0");
		long retryAfter = Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow());
		long reset = Long.parseLong(response.headers().firstValue("RateLimit-Reset").orElseThrow());
		assertThat(retryAfter).isBetween(1L, 60L);
		assertThat(reset).isBetween(1L, 60L);
	}

}
