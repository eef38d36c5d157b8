package io.bugbridge.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The container health check: exit 0 only for a ready service, 1 for anything else. */
class HealthCheckTests {

	private HttpServer server;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	@AfterEach
	void stop() {
		if (server != null) {
			server.stop(0);
		}
	}

	@Test
	void aReadyServiceOnServerPortIsHealthy() throws IOException {
		int port = serve(200, "{\"status\":\"UP\"}");

		assertThat(check(Map.of("SERVER_PORT", String.valueOf(port)))).isZero();
		assertThat(output()).startsWith("healthy: http://127.0.0.1:" + port + "/actuator/health/readiness");
	}

	@Test
	void aServiceThatIsNotReadyIsUnhealthy() throws IOException {
		int port = serve(503, "{\"status\":\"OUT_OF_SERVICE\"}");

		assertThat(check(Map.of("SERVER_PORT", String.valueOf(port)))).isEqualTo(1);
		assertThat(output()).contains("unhealthy", "503", "OUT_OF_SERVICE");
	}

	@Test
	void nothingListeningIsUnhealthyNotAHang() throws IOException {
		int port;
		try (ServerSocket free = new ServerSocket(0)) {
			port = free.getLocalPort();
		}

		assertThat(check(Map.of("SERVER_PORT", String.valueOf(port)))).isEqualTo(1);
		assertThat(output()).contains("unhealthy", "did not answer");
	}

	@Test
	void theActuatorsOwnPortWinsAndAnExplicitUrlWinsOverBoth() throws IOException {
		int port = serve(200, "{ \"status\" : \"UP\" }");

		assertThat(check(Map.of("SERVER_PORT", "1", "MANAGEMENT_SERVER_PORT", String.valueOf(port)))).isZero();
		assertThat(HealthCheck.run(new String[] { "http://127.0.0.1:" + port + "/actuator/health/readiness" },
				Map.of("SERVER_PORT", "1"), new PrintStream(out))).isZero();
		assertThat(HealthCheck.defaultUrl(Map.of())).isEqualTo("http://127.0.0.1:8080/actuator/health/readiness");
	}

	@Test
	void theJarsCommandRunsTheSameCheck() throws IOException {
		int port = serve(200, "{\"status\":\"UP\"}");

		assertThat(BugBridgeCli.run(new String[] { "healthcheck", "http://127.0.0.1:" + port + "/actuator/health/readiness" }))
			.isZero();
		assertThat(BugBridgeCli.run(new String[] { "healthcheck", "http://127.0.0.1:" + port + "/elsewhere" })).isEqualTo(1);
	}

	private int check(Map<String, String> environment) {
		return HealthCheck.run(new String[0], environment, new PrintStream(out, true, StandardCharsets.UTF_8));
	}

	private String output() {
		return out.toString(StandardCharsets.UTF_8);
	}

	private int serve(int status, String body) throws IOException {
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/actuator/health/readiness", exchange -> {
			byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(status, bytes.length);
			exchange.getResponseBody().write(bytes);
			exchange.close();
		});
		server.start();
		return server.getAddress().getPort();
	}

}
