package io.bugbridge.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

/**
 * Points a test context at the real PostgreSQL, in a schema of its own that is dropped when the
 * context closes, so test runs never see each other's rows. Where PostgreSQL is: environment
 * variables BUGBRIDGE_TEST_PG_URL (default jdbc:postgresql://127.0.0.1:5432/test),
 * BUGBRIDGE_TEST_PG_USER (default postgres) and BUGBRIDGE_TEST_PG_PASSWORD (default empty).
 */
public class PostgresSchemaInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	public static final String URL = env("BUGBRIDGE_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");

	public static final String USER = env("BUGBRIDGE_TEST_PG_USER", "postgres");

	public static final String PASSWORD = env("BUGBRIDGE_TEST_PG_PASSWORD", "");

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		String schema = "bb_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
		execute("CREATE SCHEMA " + schema);
		TestPropertyValues
			.of("spring.datasource.url=" + URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema,
					"spring.datasource.username=" + USER, "spring.datasource.password=" + PASSWORD,
					"bugbridge.data-dir=target/test-data/" + schema)
			.applyTo(context);
		context.addApplicationListener(event -> {
			if (event instanceof ContextClosedEvent closed && closed.getApplicationContext() == context) {
				execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
			}
		});
	}

	private static void execute(String sql) {
		try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD);
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("PostgreSQL for tests is not reachable at " + URL + " as " + USER
					+ ": start it (pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start)"
					+ " or point BUGBRIDGE_TEST_PG_URL/_USER/_PASSWORD at another server", ex);
		}
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return value == null || value.isBlank() ? fallback : value;
	}

}
