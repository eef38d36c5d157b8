package io.bugbridge.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The benchmarks' HTTP client for the service. The load runs on the same cores as the service, so
 * it must be cheap: a blocking HttpURLConnection on kept-alive connections costs a fraction of
 * java.net.http.HttpClient's CPU (about 40 % of the samples when measuring stats).
 */
public final class HttpCall {

	static {
		// Clients keep their connections open; the JDK's default keeps only 5 per server.
		if (System.getProperty("http.maxConnections") == null) {
			System.setProperty("http.maxConnections", "256");
		}
	}

	/** Status and body (the body only when the status is not the expected one, for the error). */
	public record Response(int status, String body) {
	}

	private HttpCall() {
	}

	public static Response send(String method, String url, String token, String json) throws IOException {
		HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
		connection.setConnectTimeout(10_000);
		connection.setReadTimeout(300_000);
		connection.setRequestMethod(method);
		connection.setRequestProperty("Authorization", "Bearer " + token);
		if (!method.equals("GET")) {
			connection.setDoOutput(true);
			if (json != null) {
				connection.setRequestProperty("Content-Type", "application/json");
			}
			try (OutputStream out = connection.getOutputStream()) {
				if (json != null) {
					out.write(json.getBytes(StandardCharsets.UTF_8));
				}
			}
		}
		int status = connection.getResponseCode();
		// Reading the body to its end hands the connection back for the next request.
		try (var body = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
			byte[] bytes = body == null ? new byte[0] : body.readAllBytes();
			return new Response(status, new String(bytes, StandardCharsets.UTF_8));
		}
	}

	/** Sends and fails unless the service answered {@code expected}; answers the body. */
	public static String expect(int expected, String method, String url, String token, String json) throws IOException {
		Response response = send(method, url, token, json);
		if (response.status() != expected) {
			throw new IOException(method + " " + url + " answered " + response.status() + ": "
					+ response.body().substring(0, Math.min(300, response.body().length())));
		}
		return response.body();
	}

}
