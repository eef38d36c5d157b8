package io.bugbridge.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in for a Slack incoming webhook on this machine (the JDK's HTTP server): records what is
 * posted to it and answers as a test tells it to.
 */
public final class TestSlackWebhook {

	public static final String PATH = "/services/T000TEST/B000TEST/not-a-real-secret";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpServer server;

	private final List<JsonNode> posts = new CopyOnWriteArrayList<>();

	private volatile int status = 200;

	private TestSlackWebhook(HttpServer server) {
		this.server = server;
	}

	public static TestSlackWebhook start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			TestSlackWebhook webhook = new TestSlackWebhook(server);
			server.createContext(PATH, exchange -> {
				try (InputStream in = exchange.getRequestBody()) {
					webhook.posts.add(JSON.readTree(in.readAllBytes()));
				}
				int answer = webhook.status;
				byte[] body = (answer == 200 ? "ok" : "no_service").getBytes(StandardCharsets.UTF_8);
				exchange.sendResponseHeaders(answer, body.length);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(body);
				}
			});
			server.setExecutor(Executors.newSingleThreadExecutor(r -> {
				Thread thread = new Thread(r, "test-slack-webhook");
				thread.setDaemon(true);
				return thread;
			}));
			server.start();
			return webhook;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public String url() {
		return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
	}

	/** The {@code text} of every message posted so far. */
	public List<String> texts() {
		return posts.stream().map(post -> post.get("text").asString()).toList();
	}

	/** What the webhook answers from now on: 200, or an error status. */
	public void answer(int status) {
		this.status = status;
	}

}
