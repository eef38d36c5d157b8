package io.bugbridge.security;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.EnumSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Creates a demo admin and a demo customer on the first start of the embedded default, so that a
 * fresh install can be tried in a browser at once. Their random passwords are printed once, at
 * that start, and only their hashes are kept ({@code signin_user}); later starts find the accounts
 * and print nothing. To get new passwords, delete the rows and restart.
 */
class DemoAccounts {

	static final String ADMIN_EMAIL = "admin@demo.bugbridge.local";

	static final String CUSTOMER_EMAIL = "customer@demo.bugbridge.local";

	static final String CUSTOMER_ID = "demo-customer";

	private static final Logger log = LoggerFactory.getLogger(DemoAccounts.class);

	private final SignInAccounts accounts;

	private final PasswordEncoder passwords;

	private final SignInProperties properties;

	private final Environment environment;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	DemoAccounts(SignInAccounts accounts, PasswordEncoder passwords, SignInProperties properties,
			Environment environment, Clock clock) {
		this.accounts = accounts;
		this.passwords = passwords;
		this.properties = properties;
		this.environment = environment;
		this.clock = clock;
	}

	/** Explicit setting first; unset, only the embedded default: H2, no configured accounts, no OIDC. */
	boolean wanted() {
		if (properties.demoUsers() != null) {
			return properties.demoUsers();
		}
		String url = environment.getProperty("spring.datasource.url", "");
		return url.startsWith("jdbc:h2:") && !accounts.hasConfiguredAccounts() && !properties.oidc().enabled();
	}

	@EventListener(ApplicationReadyEvent.class)
	void createOnFirstStart() {
		if (!wanted()) {
			return;
		}
		String adminPassword = randomPassword();
		String customerPassword = randomPassword();
		boolean admin = accounts.addIfAbsent(ADMIN_EMAIL, "Demo Admin", passwords.encode(adminPassword),
				EnumSet.of(Role.ADMIN), null, "demo", clock.instant());
		boolean customer = accounts.addIfAbsent(CUSTOMER_EMAIL, "Demo Customer", passwords.encode(customerPassword),
				EnumSet.of(Role.CUSTOMER), CUSTOMER_ID, "demo", clock.instant());
		if (!admin && !customer) {
			return;
		}
		StringBuilder message = new StringBuilder("Created demo sign-in accounts for the embedded default."
				+ " The passwords are shown only this once; only their hashes are stored.");
		if (admin) {
			message.append("\n    admin:    ").append(ADMIN_EMAIL).append("  password: ").append(adminPassword);
		}
		if (customer) {
			message.append("\n    customer: ").append(CUSTOMER_EMAIL).append("  password: ").append(customerPassword)
				.append("  (customer account ").append(CUSTOMER_ID).append(")");
		}
		message.append("\n    Sign in at http://localhost:").append(environment.getProperty("local.server.port", "8080"))
			.append("/login. For real use configure accounts (BUGBRIDGE_SIGNIN_USERS_*) or OpenID Connect;"
					+ " see docs/configuration.md.");
		log.warn(message.toString());
	}

	private String randomPassword() {
		byte[] bytes = new byte[15];
		random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
