package io.bugbridge.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import picocli.CommandLine.Command;

/**
 * Prints the hash to configure for a sign-in account ({@code BUGBRIDGE_SIGNIN_USERS_<n>_PASSWORD}).
 * The password is read from the terminal without echo, or from standard input, never from the
 * command line where it would stay in the shell history and the process list.
 */
@Command(name = "hash-password", mixinStandardHelpOptions = true,
		description = "Read a password (terminal or standard input) and print its {bcrypt} hash for"
				+ " BUGBRIDGE_SIGNIN_USERS_<n>_PASSWORD.")
class HashPasswordCommand implements Callable<Integer> {

	static final int MIN_LENGTH = 8;

	@Override
	public Integer call() throws IOException {
		String password = read();
		if (password == null || password.length() < MIN_LENGTH) {
			System.err.println("The password must have at least " + MIN_LENGTH + " characters.");
			return 2;
		}
		System.out.println("{bcrypt}" + new BCryptPasswordEncoder().encode(password));
		return 0;
	}

	private static String read() throws IOException {
		Console console = System.console();
		if (console != null) {
			char[] typed = console.readPassword("Password: ");
			return typed == null ? null : new String(typed);
		}
		BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
		return in.readLine();
	}

}
