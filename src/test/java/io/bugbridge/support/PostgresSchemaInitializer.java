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
 * BUGBRIDGE_TEST_PG_USER (default postgres) and BUGBRIDGE_TEST_PG_PASSWORD (default empty); when
 * nothing answers there, an embedded PostgreSQL started for the test run ({@link TestPostgres}).
 */
public class PostgresSchemaInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	public static final String URL = TestPostgres.get().url;

	public static final String USER = TestPostgres.get().user;

	public static final String PASSWORD = TestPostgres.get().password;

	/** A new schema's name, for tests that start contexts (nodes) of their own on one schema. */
	public static String newSchema() {
		String schema = "bb_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
		execute("CREATE SCHEMA " + schema);
		return schema;
	}

	public static void dropSchema(String schema) {
		execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
	}

	/** The JDBC URL of a schema. */
	public static String url(String schema) {
		return URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
	}

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		String schema = newSchema();
		TestPropertyValues
			.of("spring.datasource.url=" + url(schema),
					"spring.datasource.username=" + USER, "spring.datasource.password=" + PASSWORD,
					// Names the context's backends in pg_stat_activity, so a benchmark can read their CPU.
					"spring.datasource.hikari.data-source-properties.ApplicationName=" + schema,
					"bugbridge.data-dir=target/test-data/" + schema)
			.applyTo(context);
		context.addApplicationListener(event -> {
			if (event instanceof ContextClosedEvent closed && closed.getApplicationContext() == context) {
				execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
			}
		});
	}

	public static void execute(String sql) {
		try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD);
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("PostgreSQL for tests is not reachable at " + URL + " as " + USER
					+ " (" + ex.getMessage() + ")", ex);
		}
	}

}
