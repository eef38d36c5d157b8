package io.bugbridge;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.bugbridge.support.WebSession;
import io.bugbridge.tracker.TicketTracker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With nothing configured but the data directory, the service starts on an H2 file database and a
 * generated secret in that directory, with the local tracker, and makes demo sign-in accounts
 * whose passwords it prints once.
 */
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedDefaultTests {

	static final Pattern PASSWORD = Pattern.compile("(admin|customer):\\s+(\\S+)\\s+password: (\\S+)");

	@TempDir
	Path dataDir;

	@Test
	void startsWithAnH2FileAGeneratedSecretAndDemoAccountsInTheDataDirectory(CapturedOutput output) throws Exception {
		String adminPassword;
		try (ConfigurableApplicationContext context = start()) {
			assertThat(context.getBean(TicketTracker.class).name()).isEqualTo("local");
			assertThat(dataDir.resolve("bugbridge.mv.db")).exists();
			Path secret = dataDir.resolve("jwt-secret");
			assertThat(Files.getPosixFilePermissions(secret)).containsExactlyInAnyOrder(
					PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

			assertThat(output.getOut()).contains("Created demo sign-in accounts");
			Matcher admin = match(output.getOut(), "admin");
			Matcher customer = match(output.getOut(), "customer");
			adminPassword = admin.group(3);
			assertThat(adminPassword).hasSizeGreaterThanOrEqualTo(16);
			int port = port(context);
			WebSession browser = new WebSession(port);
			assertThat(browser.signIn(admin.group(2), adminPassword).location()).endsWith("/");
			assertThat(browser.get("/admin").status()).isEqualTo(200);
			WebSession shopper = new WebSession(port);
			assertThat(shopper.signIn(customer.group(2), customer.group(3)).location()).endsWith("/");
			assertThat(shopper.get("/tickets").html().select(".lead").text()).contains("demo-customer");
		}
		int printedBefore = output.getOut().length();

		try (ConfigurableApplicationContext again = start()) {
			assertThat(output.getOut().substring(printedBefore)).as("passwords are printed once")
				.doesNotContain("Created demo sign-in accounts")
				.doesNotContain(adminPassword);
			WebSession browser = new WebSession(port(again));
			assertThat(browser.signIn("admin@demo.bugbridge.local", adminPassword).location()).endsWith("/");
		}
	}

	private ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(BugBridgeApplication.class).run("--server.port=0",
				"--bugbridge.data-dir=" + dataDir, "--bugbridge.jwt.secret=");
	}

	private static int port(ConfigurableApplicationContext context) {
		return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
	}

	private static Matcher match(String output, String role) {
		Matcher matcher = PASSWORD.matcher(output);
		while (matcher.find()) {
			if (matcher.group(1).equals(role)) {
				return matcher;
			}
		}
		throw new AssertionError("No " + role + " password in the log");
	}

}
