package io.bugbridge.security;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;

import io.bugbridge.BugBridgeApplication;
import io.bugbridge.support.ApiClient;
import io.bugbridge.support.PostgresSchemaInitializer;
import io.bugbridge.support.TestAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** Two nodes on one PostgreSQL enforce one limit: 30 requests on each, and the 61st is refused on both. */
class TwoNodeRateLimitTests {

	@Test
	void twoNodesShareOneCustomerLimit() throws Exception {
		String schema = "bb_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
		execute("CREATE SCHEMA " + schema);
		try (ConfigurableApplicationContext first = node(schema); ConfigurableApplicationContext second = node(schema)) {
			int a = ((WebServerApplicationContext) first).getWebServer().getPort();
			int b = ((WebServerApplicationContext) second).getWebServer().getPort();
			String token = ApiClient.customerToken("two-nodes@acme.example", TestAccounts.ACME);
			for (int i = 1; i <= 60; i++) {
				int port = i % 2 == 0 ? a : b;
				assertThat(RateLimitTests.get(port, "/api/jira/issue/AURA-999999", token).statusCode()).as("request %d", i)
					.isEqualTo(404);
			}
			RateLimitTests.assertTooManyRequests(RateLimitTests.get(a, "/api/jira/issue/AURA-999999", token), 60);
			RateLimitTests.assertTooManyRequests(RateLimitTests.get(b, "/api/jira/issue/AURA-999999", token), 60);
		}
		finally {
			execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
		}
	}

	private static ConfigurableApplicationContext node(String schema) {
		String url = PostgresSchemaInitializer.URL + (PostgresSchemaInitializer.URL.contains("?") ? "&" : "?")
				+ "currentSchema=" + schema;
		// Command-line arguments, so they win over application.yml as a node's environment would.
		return new SpringApplicationBuilder(BugBridgeApplication.class).run("--server.port=0",
				"--spring.datasource.url=" + url, "--spring.datasource.username=" + PostgresSchemaInitializer.USER,
				"--spring.datasource.password=" + PostgresSchemaInitializer.PASSWORD,
				"--bugbridge.data-dir=target/test-data/" + schema + "-" + UUID.randomUUID(),
				"--bugbridge.jwt.secret=" + ApiClient.TEST_SECRET);
	}

	private static void execute(String sql) throws Exception {
		try (Connection connection = DriverManager.getConnection(PostgresSchemaInitializer.URL,
				PostgresSchemaInitializer.USER, PostgresSchemaInitializer.PASSWORD);
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

}
