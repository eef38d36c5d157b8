package io.bugbridge.security;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * The accounts of the sign-in form: those configured in properties or the environment, then those
 * BugBridge keeps in {@code signin_user} (the demo accounts). A configured account wins when both
 * have the same e-mail. Passwords exist only as hashes.
 */
class SignInAccounts implements UserDetailsService {

	private static final Pattern HASH_WITH_ID = Pattern.compile("\\{[A-Za-z0-9_-]+}.+");

	private static final Pattern BARE_BCRYPT = Pattern.compile("\\$2[aby]?\\$\\d\\d\\$.{53}");

	private final Map<String, ConfiguredAccount> configured;

	private final JdbcClient jdbc;

	SignInAccounts(SignInProperties properties, JdbcClient jdbc) {
		this.configured = configured(properties.users());
		this.jdbc = jdbc;
	}

	boolean hasConfiguredAccounts() {
		return !configured.isEmpty();
	}

	@Override
	public UserDetails loadUserByUsername(String email) {
		String key = normalise(email);
		ConfiguredAccount account = configured.get(key);
		if (account != null) {
			return new SignedInUser(account.caller(), account.passwordHash());
		}
		return stored(key).orElseThrow(() -> new UsernameNotFoundException("No account " + email));
	}

	private Optional<UserDetails> stored(String email) {
		return jdbc.sql("SELECT email, display_name, password_hash, roles, customer_id FROM signin_user WHERE email = :email")
			.param("email", email)
			.query((rs, n) -> (UserDetails) new SignedInUser(
					caller(rs.getString("email"), rs.getString("display_name"), rs.getString("customer_id"),
							Caller.rolesOf(rs.getString("roles"))),
					rs.getString("password_hash")))
			.optional();
	}

	/** Stores an account unless one with that e-mail exists; true when this call stored it. */
	boolean addIfAbsent(String email, String name, String passwordHash, Set<Role> roles, String customerId,
			String origin, Instant now) {
		try {
			return jdbc.sql("""
					INSERT INTO signin_user (email, display_name, password_hash, roles, customer_id, origin, created_at)
					VALUES (:email, :name, :hash, :roles, :customerId, :origin, :now) ON CONFLICT DO NOTHING""")
				.param("email", normalise(email))
				.param("name", name)
				.param("hash", passwordHash)
				.param("roles", String.join(",", roles.stream().map(Role::claimValue).sorted().toList()))
				.param("customerId", customerId)
				.param("origin", origin)
				.param("now", now.atOffset(ZoneOffset.UTC))
				.update() > 0;
		}
		catch (DuplicateKeyException raced) {
			return false;
		}
	}

	/** E-mail addresses of the staff accounts, for suggesting assignees. */
	List<String> staffEmails() {
		List<String> staff = new ArrayList<>();
		configured.values().stream().filter(a -> a.caller().isAdmin()).forEach(a -> staff.add(a.caller().email()));
		jdbc.sql("SELECT email, roles FROM signin_user ORDER BY email")
			.query((rs, n) -> Caller.rolesOf(rs.getString("roles")).contains(Role.ADMIN) ? rs.getString("email") : null)
			.list()
			.stream()
			.filter(email -> email != null && !staff.contains(email))
			.forEach(staff::add);
		return staff;
	}

	static String normalise(String email) {
		return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
	}

	private static Caller caller(String email, String name, String customerId, Set<Role> roles) {
		// The e-mail is the stable identity of a form account, as `sub` is of a token.
		return new Caller(email, email, name, customerId, roles);
	}

	/** Checks the configured accounts once at start, so a mistake stops the service with a clear message. */
	private static Map<String, ConfiguredAccount> configured(List<SignInProperties.User> users) {
		Map<String, ConfiguredAccount> accounts = new LinkedHashMap<>();
		for (int i = 0; i < users.size(); i++) {
			SignInProperties.User user = users.get(i);
			String prefix = "bugbridge.signin.users[" + i + "]";
			String email = normalise(user.email());
			if (email.isEmpty() || !email.contains("@")) {
				throw new IllegalStateException(prefix + ".email must be an e-mail address");
			}
			if (accounts.containsKey(email)) {
				throw new IllegalStateException(prefix + ".email " + email + " is configured twice");
			}
			Set<Role> roles = EnumSet.noneOf(Role.class);
			for (String value : user.roles()) {
				roles.add(Role.fromClaim(value)
					.orElseThrow(() -> new IllegalStateException(prefix + ".roles: '" + value
							+ "' is not a role; use admin and/or customer")));
			}
			if (roles.isEmpty()) {
				throw new IllegalStateException(prefix + ".roles is empty; use admin and/or customer");
			}
			String customerId = user.customerId() == null || user.customerId().isBlank() ? null : user.customerId().trim();
			if (roles.equals(EnumSet.of(Role.CUSTOMER)) && customerId == null) {
				throw new IllegalStateException(prefix + ".customer-id is required for a customer: it decides whose"
						+ " tickets they see");
			}
			accounts.put(email, new ConfiguredAccount(caller(email, user.name(), customerId, roles),
					passwordHash(prefix, user.password())));
		}
		return accounts;
	}

	static String passwordHash(String property, String value) {
		String hash = value == null ? "" : value.trim();
		if (BARE_BCRYPT.matcher(hash).matches()) {
			return "{bcrypt}" + hash;
		}
		if (!HASH_WITH_ID.matcher(hash).matches() || hash.startsWith("{noop}")) {
			throw new IllegalStateException(property + ".password must be a password hash such as"
					+ " {bcrypt}$2a$10$..., not the password itself; create one with:"
					+ " java -jar bugbridge.jar hash-password");
		}
		return hash;
	}

	private record ConfiguredAccount(Caller caller, String passwordHash) {
	}

}
