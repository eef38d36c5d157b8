package io.bugbridge.security;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How an identity provider's claims become a {@link Caller}, with the default and custom claim names. */
class OidcClaimMappingTests {

	static SignInProperties.Oidc settings(String customerIdClaim, String rolesClaim, String adminRole,
			String customerRole) {
		return new SignInProperties.Oidc(URI.create("https://idp.example.test"), "bugbridge", "secret",
				List.of("openid", "profile", "email"), "Single sign-on", "email", "name", customerIdClaim, rolesClaim,
				adminRole, customerRole);
	}

	final OidcClaimMapping defaults = new OidcClaimMapping(settings("customer_id", "roles", "admin", "customer"));

	@Test
	void theDefaultClaimsGiveTheSameCallerAnApiTokenWould() {
		Caller caller = defaults.caller("sub-1", Map.of("email", "alice@acme.example", "name", "Alice",
				"customer_id", "acme", "roles", List.of("customer")));

		assertThat(caller).isEqualTo(new Caller("sub-1", "alice@acme.example", "Alice", "acme", Set.of(Role.CUSTOMER)));
		assertThat(caller.canSeeTicketsOf("acme")).isTrue();
		assertThat(caller.canSeeTicketsOf("globex")).isFalse();
	}

	@Test
	void rolesMayBeAStringAndClaimsMayBeNestedAsKeycloakHasThem() {
		OidcClaimMapping keycloak = new OidcClaimMapping(
				settings("org.customer", "realm_access.roles", "bugbridge-admin", "bugbridge-customer"));

		Caller admin = keycloak.caller("sub-2", Map.of("email", "ada@bugbridge.example", "realm_access",
				Map.of("roles", List.of("offline_access", "bugbridge-admin"))));
		Caller customer = keycloak.caller("sub-3", Map.of("email", "bob@globex.example", "org",
				Map.of("customer", "globex"), "realm_access", Map.of("roles", List.of("BUGBRIDGE-CUSTOMER"))));
		Caller both = defaults.caller("sub-4", Map.of("email", "c@acme.example", "customer_id", "acme", "roles",
				"customer admin"));

		assertThat(admin.roles()).containsExactly(Role.ADMIN);
		assertThat(admin.customerId()).isNull();
		assertThat(admin.canSeeTicketsOf("anyone")).isTrue();
		assertThat(customer.roles()).containsExactly(Role.CUSTOMER);
		assertThat(customer.customerId()).isEqualTo("globex");
		assertThat(both.roles()).containsExactlyInAnyOrder(Role.ADMIN, Role.CUSTOMER);
	}

	@Test
	void peopleWithoutARoleACustomerAccountOrAnEmailAreRefusedWithTheReason() {
		assertThatThrownBy(() -> defaults.caller("s", Map.of("email", "x@acme.example", "roles", List.of("viewer"))))
			.isInstanceOfSatisfying(OAuth2AuthenticationException.class, ex -> {
				assertThat(ex.getError().getErrorCode()).isEqualTo("access_denied");
				assertThat(ex.getError().getDescription()).contains("no BugBridge role").contains("'roles'");
			});
		assertThatThrownBy(() -> defaults.caller("s", Map.of("email", "x@acme.example", "roles", "customer")))
			.isInstanceOfSatisfying(OAuth2AuthenticationException.class,
					ex -> assertThat(ex.getError().getDescription()).contains("no customer account")
						.contains("'customer_id'"));
		assertThatThrownBy(() -> defaults.caller("s", Map.of("roles", "admin")))
			.isInstanceOfSatisfying(OAuth2AuthenticationException.class,
					ex -> assertThat(ex.getError().getDescription()).contains("no e-mail address"));
	}

}
