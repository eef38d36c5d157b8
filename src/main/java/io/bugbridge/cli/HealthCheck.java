package io.bugbridge.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * A container health check for images without curl or wget (the JRE base image has neither):
 * asks the running service on this machine whether it is ready and exits 0 (ready) or 1.
 *
 * <p>It uses only the JDK, so it runs on the application's classes alone and starts in well under
 * a second: {@code java -cp /app/classes io.bugbridge.cli.HealthCheck} in the image, or
 * {@code java -jar bugbridge.jar healthcheck}. It checks readiness, not the aggregate, because the
 * aggregate includes Claude, and a Claude outage is no reason to restart or unroute the service.
 */
public final class HealthCheck {

	static final String DEFAULT_PATH = "/actuator/health/readiness";

	private HealthCheck() {
	}

	public static void main(String[] args) {
		System.exit(run(args, System.getenv(), System.out));
	}

	/**
	 * @param args nothing, or the URL to check
	 * @param environment where {@code SERVER_PORT} (and {@code MANAGEMENT_SERVER_PORT}, when the
	 * actuator has a port of its own) say where the service listens
	 * @return the exit code: 0 when the service answers 200 with status UP, else 1
	 */
	static int run(String[] args, Map<String, String> environment, PrintStream out) {
		URI uri;
		try {
			uri = URI.create(args.length > 0 ? args[0] : defaultUrl(environment));
		}
		catch (IllegalArgumentException ex) {
			out.println("unhealthy: not a URL: " + ex.getMessage());
			return 1;
		}
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
		HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build();
		try {
			HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
			boolean up = response.statusCode() == 200 && response.body().replace(" ", "").contains("\"status\":\"UP\"");
			out.println((up ? "healthy: " : "unhealthy: ") + uri + " answered " + response.statusCode() + " "
					+ abbreviate(response.body()));
			return up ? 0 : 1;
		}
		catch (IOException ex) {
			out.println("unhealthy: " + uri + " did not answer (" + ex.getClass().getSimpleName()
					+ (ex.getMessage() == null ? "" : ": " + ex.getMessage()) + ")");
			return 1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return 1;
		}
	}

	static String defaultUrl(Map<String, String> environment) {
		String port = environment.getOrDefault("MANAGEMENT_SERVER_PORT", environment.getOrDefault("SERVER_PORT", "8080"));
		return "http://127.0.0.1:" + port.trim() + DEFAULT_PATH;
	}

	private static String abbreviate(String body) {
		String line = body.replaceAll("\\s+", " ").trim();
		return line.length() <= 200 ? line : line.substring(0, 200) + "...";
	}

}
