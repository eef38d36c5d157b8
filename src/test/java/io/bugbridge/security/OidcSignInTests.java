package io.bugbridge.security;

import java.util.List;
import java.util.Map;

import io.bugbridge.support.FakeIdentityProvider;
import io.bugbridge.support.OnH2;
import io.bugbridge.support.WebSession;
import io.bugbridge.support.WebSession.Page;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OpenID Connect sign-in against a stand-in identity provider, the whole way: BugBridge redirects
 * to the provider, exchanges the code, checks the signed ID token and maps its claims to who may
 * see what; without configured accounts the sign-in form is not offered.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@OnH2
class OidcSignInTests {

	static final FakeIdentityProvider IDP = FakeIdentityProvider.start();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void oidc(DynamicPropertyRegistry properties) {
		properties.add("bugbridge.signin.oidc.issuer-uri", IDP::issuer);
		properties.add("bugbridge.signin.oidc.client-id", () -> FakeIdentityProvider.CLIENT_ID);
		properties.add("bugbridge.signin.oidc.client-secret", () -> FakeIdentityProvider.CLIENT_SECRET);
		properties.add("bugbridge.signin.oidc.label", () -> "Acme SSO");
		properties.add("bugbridge.signin.oidc.roles-claim", () -> "groups");
		properties.add("bugbridge.signin.oidc.admin-role", () -> "support-staff");
	}

	@AfterAll
	static void stop() {
		IDP.close();
	}

	@Test
	void theSignInPageOffersOnlyTheIdentityProvider() {
		var page = new WebSession(port).get("/login").html();

		assertThat(page.select("a[href=/oauth2/authorization/oidc]").text()).isEqualTo("Sign in with Acme SSO");
		assertThat(page.select("input[name=password]")).as("no accounts of our own, no form").isEmpty();
		assertThat(page.select(".demo-hint")).isEmpty();
	}

	@Test
	void aCustomerSignsInThroughTheProviderAndSeesTheirAccount() {
		WebSession browser = new WebSession(port);

		Page done = signIn(browser, Map.of("email", "erin@initech.example", "name", "Erin Initech", "customer_id",
				"initech", "groups", List.of("customer")));

		assertThat(done.status()).isEqualTo(302);
		assertThat(done.location()).doesNotContain("error");
		Page tickets = browser.get("/tickets");
		assertThat(tickets.status()).isEqualTo(200);
		assertThat(tickets.html().select(".who").text()).isEqualTo("Erin Initech");
		assertThat(tickets.html().select(".lead").text()).contains("initech");
		assertThat(browser.get("/admin").status()).isEqualTo(403);
	}

	@Test
	void theConfiguredRoleValueMakesAnAdmin() {
		WebSession browser = new WebSession(port);

		signIn(browser, Map.of("email", "sam@bugbridge.example", "groups", List.of("everyone", "support-staff")));

		assertThat(browser.get("/admin").status()).isEqualTo(200);
	}

	@Test
	void someoneTheClaimsGiveNoAccessIsToldWhy() {
		WebSession browser = new WebSession(port);

		Page refused = signIn(browser, Map.of("email", "x@initech.example", "groups", List.of("customer")));

		assertThat(refused.location()).endsWith("/login?error");
		assertThat(browser.get("/login?error").html().select("[role=alert]").text())
			.contains("no customer account (claim 'customer_id')");
		assertThat(browser.get("/tickets").location()).endsWith("/login");
	}

	private Page signIn(WebSession browser, Map<String, Object> claims) {
		Page toProvider = browser.get("/oauth2/authorization/oidc");
		assertThat(toProvider.status()).isEqualTo(302);
		assertThat(toProvider.location()).startsWith(IDP.issuer() + "/authorize?").contains("nonce=");
		String back = IDP.approve(toProvider.location(), claims);
		return browser.get(back.substring(back.indexOf("/login/oauth2/code/")));
	}

}
