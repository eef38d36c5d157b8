package io.bugbridge.cli;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.bugbridge.config.DataDirectory;
import io.bugbridge.security.JwtSecret;
import io.bugbridge.security.Role;
import io.bugbridge.security.TokenMinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/**
 * Prints a signed development token. It uses the same secret as the service:
 * {@code BUGBRIDGE_JWT_SECRET}, else the secret file in the data directory (created if missing).
 */
@Command(name = "token", mixinStandardHelpOptions = true,
		description = "Print a signed API token (HS256) for development and testing.")
class TokenCommand implements Callable<Integer> {

	@Option(names = "--email", required = true, description = "The email claim.")
	String email;

	@Option(names = "--customer", description = "The customer_id claim (required for the customer role).")
	String customer;

	@Option(names = "--role", split = ",", defaultValue = "customer",
			description = "Roles: customer, admin (repeat or comma-separate). Default: ${DEFAULT-VALUE}.")
	List<String> roles;

	@Option(names = "--sub", description = "The sub claim. Default: the e-mail address.")
	String subject;

	@Option(names = "--data-dir", description = "Data directory holding the generated secret."
			+ " Default: $BUGBRIDGE_DATA_DIR, else ./data.")
	java.nio.file.Path dataDir;

	@Option(names = "--ttl", defaultValue = "24h", converter = DurationConverter.class,
			description = "Lifetime, e.g. 30m, 24h, 7d. Default: ${DEFAULT-VALUE}.")
	Duration ttl;

	@Override
	public Integer call() {
		if (System.getenv("BUGBRIDGE_JWT_ISSUER_URI") != null || System.getenv("BUGBRIDGE_JWT_JWK_SET_URI") != null) {
			System.err.println("BUGBRIDGE_JWT_ISSUER_URI/JWK_SET_URI is set: tokens come from your identity provider.");
			return 2;
		}
		List<Role> parsed;
		try {
			parsed = roles.stream().map(r -> Role.valueOf(r.trim().toUpperCase(Locale.ROOT))).distinct().toList();
		}
		catch (IllegalArgumentException ex) {
			System.err.println("--role takes customer or admin, got " + roles);
			return 2;
		}
		if (parsed.contains(Role.CUSTOMER) && !parsed.contains(Role.ADMIN) && customer == null) {
			System.err.println("--customer is required for the customer role: customers see their account's tickets.");
			return 2;
		}
		JwtSecret secret = JwtSecret.resolve(System.getenv(JwtSecret.ENVIRONMENT_VARIABLE),
				dataDir != null ? new DataDirectory(dataDir) : DataDirectory.fromEnvironment());
		String token = new TokenMinter(secret).mint(subject != null ? subject : email, email, customer, parsed, ttl);
		System.out.println(token);
		return 0;
	}

	static final class DurationConverter implements ITypeConverter<Duration> {

		@Override
		public Duration convert(String value) {
			String v = value.trim().toLowerCase(Locale.ROOT);
			if (v.startsWith("p")) {
				return Duration.parse(value.toUpperCase(Locale.ROOT));
			}
			long amount = Long.parseLong(v.substring(0, v.length() - 1));
			return switch (v.charAt(v.length() - 1)) {
				case 's' -> Duration.ofSeconds(amount);
				case 'm' -> Duration.ofMinutes(amount);
				case 'h' -> Duration.ofHours(amount);
				case 'd' -> Duration.ofDays(amount);
				default -> throw new IllegalArgumentException("use a number followed by s, m, h or d, e.g. 24h");
			};
		}

	}

}
