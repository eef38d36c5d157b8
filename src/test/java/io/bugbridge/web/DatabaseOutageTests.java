package io.bugbridge.web;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import io.bugbridge.support.ApiClient;
import io.bugbridge.support.ApiTest;
import io.bugbridge.support.OnH2;
import io.bugbridge.support.TestAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** A database outage: intake answers 503 with Retry-After within seconds, not 500 after 30 s. */
@ApiTest
@OnH2
@TestPropertySource(properties = { "spring.datasource.hikari.maximum-pool-size=3",
		"spring.datasource.hikari.connection-timeout=1000" })
@DirtiesContext
class DatabaseOutageTests {

	@LocalServerPort
	int port;

	@Autowired
	HikariDataSource dataSource;

	/**
	 * No connection to be had: every connection of the pool is taken (a suspended Hikari pool would
	 * not do, it makes callers wait for the resume however short the connection timeout).
	 */
	@Test
	void intakeFailsFastWith503AndRetryAfter() throws Exception {
		String token = ApiClient.customerToken(TestAccounts.ALICE, "outage");
		ApiClient api = new ApiClient(port);
		List<Connection> taken = new ArrayList<>();
		try {
			while (true) {
				try {
					taken.add(dataSource.getConnection());
				}
				catch (SQLException exhausted) {
					break;
				}
			}
			long start = System.nanoTime();
			ApiClient.Response filed = api.post("/api/jira/bug-report", token,
					"{\"summary\":\"During the outage\",\"description\":\"d\"}");
			long millis = (System.nanoTime() - start) / 1_000_000;
			ApiClient.Response listed = api.get("/api/jira/my-tickets", token);

			assertThat(filed.status()).as(filed.toString()).isEqualTo(503);
			assertThat(filed.contentType()).startsWith("application/problem+json");
			assertThat(filed.body()).doesNotContain("Exception");
			assertThat(millis).isLessThan(3_000);
			assertThat(listed.status()).isEqualTo(503);
			var raw = new io.bugbridge.support.RawHttp(port).send("GET", "/api/jira/my-tickets",
					java.util.Map.of("Authorization", "Bearer " + token), null);
			assertThat(raw.header("Retry-After")).isEqualTo("10");
		}
		finally {
			for (Connection connection : taken) {
				connection.close();
			}
		}
		assertThat(api.post("/api/jira/bug-report", token, "{\"summary\":\"After\",\"description\":\"d\"}").status())
			.isEqualTo(201);
	}

}
