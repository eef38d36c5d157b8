package io.bugbridge.security;

import java.util.List;
import java.util.Set;

import io.bugbridge.support.TestAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Configured sign-in accounts are checked at start, so a mistake stops the service with a message. */
class SignInAccountsTests {

	static SignInAccounts accounts(SignInProperties.User... users) {
		return new SignInAccounts(new SignInProperties(List.of(users), null,
				OidcClaimMappingTests.settings("customer_id", "roles", "admin", "customer")), null);
	}

	static SignInProperties.User user(String email, String password, String customerId, String... roles) {
		return new SignInProperties.User(email, password, List.of(roles), customerId, null);
	}

	@Test
	void aConfiguredAccountSignsInWithItsPasswordAndCarriesItsCaller() {
		SignInAccounts accounts = accounts(user(" Alice@Acme.Example ", TestAccounts.HASH, "acme", "customer"));

		SignedInUser alice = (SignedInUser) accounts.loadUserByUsername("ALICE@acme.example");

		assertThat(PasswordEncoderFactories.createDelegatingPasswordEncoder()
			.matches(TestAccounts.PASSWORD, alice.getPassword())).isTrue();
		assertThat(alice.caller()).isEqualTo(new Caller("alice@acme.example", "alice@acme.example", null, "acme",
				Set.of(Role.CUSTOMER)));
		assertThat(alice.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_CUSTOMER");
		alice.eraseCredentials();
		assertThat(alice.getPassword()).isNull();
	}

	@Test
	void passwordsMustBeHashesNeverThePasswordItself() {
		assertThatThrownBy(() -> accounts(user("a@x.example", "hunter22", null, "admin")))
			.hasMessageContaining("bugbridge.signin.users[0].password must be a password hash")
			.hasMessageContaining("hash-password");
		assertThatThrownBy(() -> accounts(user("a@x.example", "{noop}hunter22", null, "admin")))
			.hasMessageContaining("must be a password hash");
		String bare = TestAccounts.HASH.substring("{bcrypt}".length());
		assertThat(SignInAccounts.passwordHash("p", bare)).isEqualTo(TestAccounts.HASH);
	}

	@Test
	void customersNeedACustomerAccountAndRolesMustBeKnown() {
		assertThatThrownBy(() -> accounts(user("a@x.example", TestAccounts.HASH, null, "customer")))
			.hasMessageContaining("bugbridge.signin.users[0].customer-id is required");
		assertThatThrownBy(() -> accounts(user("a@x.example", TestAccounts.HASH, null, "owner")))
			.hasMessageContaining("'owner' is not a role");
		assertThatThrownBy(() -> accounts(user("a@x.example", TestAccounts.HASH, null)))
			.hasMessageContaining("roles is empty");
		assertThatThrownBy(() -> accounts(user("a@x.example", TestAccounts.HASH, null, "admin"),
				user("A@x.example", TestAccounts.HASH, null, "admin")))
			.hasMessageContaining("configured twice");
	}

	@Test
	void theHashIsNeverPrinted() {
		assertThat(user("a@x.example", TestAccounts.HASH, null, "admin").toString()).doesNotContain("$2a$");
	}

}
