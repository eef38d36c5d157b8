package io.bugbridge.support;

import java.nio.file.Files;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.bugbridge.fix.sandbox.BubblewrapSandbox;
import io.bugbridge.fix.sandbox.Sandbox;
import io.bugbridge.fix.sandbox.SandboxProperties;
import org.junit.jupiter.api.Assumptions;

/**
 * Tests that need a program of the machine's (Chromium, bubblewrap, the Claude Code CLI): where it is
 * missing they are skipped with one loud line naming the package to install, so {@code ./mvnw verify}
 * passes on a machine with nothing but a JDK; with {@code CI=true} a missing program fails the build
 * instead, since CI installs them all ({@code .ci/run}) and a skip there would hide a broken install.
 */
public final class Requires {

	private static final Set<String> ANNOUNCED = ConcurrentHashMap.newKeySet();

	private Requires() {
	}

	/** Headless Chromium and its driver (Debian: {@code chromium chromium-driver}). */
	public static void browser() {
		Assumptions.assumeFalse("true".equals(System.getenv("BUGBRIDGE_SKIP_BROWSER_TESTS")),
				"BUGBRIDGE_SKIP_BROWSER_TESTS=true");
		boolean present = Files.isExecutable(Browser.CHROMIUM) && Files.isExecutable(Browser.CHROMEDRIVER);
		program(present, "browser tests", Browser.CHROMIUM + " or " + Browser.CHROMEDRIVER + " is missing",
				"apt-get install -y chromium chromium-driver");
	}

	/** A working bubblewrap, which Auto-Fix runs every command in (Debian: {@code bubblewrap}). */
	public static void bubblewrap() {
		Sandbox.Availability availability = new BubblewrapSandbox(SandboxProperties.defaults()).availability();
		program(availability.available(), "sandbox and Auto-Fix tests", availability.description(),
				"apt-get install -y bubblewrap");
	}

	/**
	 * Skips the calling test class (or test) when {@code present} is false, or fails it on CI.
	 * @param what the tests that need the program, for the message
	 * @param problem what is missing or broken
	 * @param install the command that installs it
	 */
	public static void program(boolean present, String what, String problem, String install) {
		if (present) {
			return;
		}
		String message = "Skipping the " + what + ": " + problem + ". Install it: " + install;
		if ("true".equals(System.getenv("CI"))) {
			throw new IllegalStateException("CI=true and the " + what + " cannot run: " + problem + ". Install it: "
					+ install);
		}
		if (ANNOUNCED.add(what)) {
			System.err.println("[bugbridge-tests] ******** " + message + " ********");
		}
		Assumptions.abort(message);
	}

}
