package io.bugbridge.security;

import java.net.URI;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How people sign in to the browser pages (the API keeps its bearer tokens).
 *
 * @param users accounts for the sign-in form, e.g. {@code BUGBRIDGE_SIGNIN_USERS_0_EMAIL},
 * {@code _PASSWORD} (a hash such as {@code {bcrypt}$2a$10$...}, never the password itself),
 * {@code _ROLES} ({@code admin}, {@code customer}), {@code _CUSTOMER_ID}, {@code _NAME}
 * @param demoUsers create a demo admin and a demo customer with random passwords, printed once in
 * the log; unset means "only for the embedded default": an H2 database, no configured users and no
 * OpenID Connect
 * @param oidc OpenID Connect sign-in, on once {@code issuer-uri} is set
 */
@ConfigurationProperties("bugbridge.signin")
public record SignInProperties(@DefaultValue List<User> users, Boolean demoUsers, @DefaultValue Oidc oidc) {

	/**
	 * @param password a hash in Spring Security's {@code {id}hash} form; a bare bcrypt hash
	 * ({@code $2a$...}, {@code $2y$...}) is accepted as bcrypt
	 * @param roles {@code admin} and/or {@code customer}
	 * @param customerId the customer account a customer sees the tickets of (required for customers)
	 */
	public record User(String email, String password, @DefaultValue List<String> roles, String customerId,
			String name) {

		@Override
		public String toString() {
			// Never print the hash.
			return "User[" + email + ", roles=" + roles + ", customerId=" + customerId + "]";
		}

	}

	/**
	 * @param issuerUri the identity provider; its discovery document is read at start
	 * @param label what the sign-in button says
	 * @param emailClaim, nameClaim, customerIdClaim claims of the ID token (or user info) to read
	 * @param rolesClaim claim with the roles: an array or a space/comma separated string; a dotted
	 * path reaches into objects ({@code realm_access.roles} for Keycloak)
	 * @param adminRole, customerRole the values of that claim that grant BugBridge's roles
	 */
	public record Oidc(URI issuerUri, String clientId, String clientSecret,
			@DefaultValue({ "openid", "profile", "email" }) List<String> scopes,
			@DefaultValue("Single sign-on") String label, @DefaultValue("email") String emailClaim,
			@DefaultValue("name") String nameClaim, @DefaultValue("customer_id") String customerIdClaim,
			@DefaultValue("roles") String rolesClaim, @DefaultValue("admin") String adminRole,
			@DefaultValue("customer") String customerRole) {

		public boolean enabled() {
			return issuerUri != null;
		}

		@Override
		public String toString() {
			return "Oidc[" + issuerUri + ", clientId=" + clientId + "]";
		}

	}

}
