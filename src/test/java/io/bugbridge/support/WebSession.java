package io.bugbridge.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * A browser without the browser, for fast tests of the pages: keeps the session cookie, does not
 * follow redirects (tests look at them), sends forms with the CSRF token of the last page it read.
 */
public final class WebSession {

	private final HttpClient http = HttpClient.newBuilder()
		.cookieHandler(new CookieManager())
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final String baseUrl;

	private String csrfToken;

	private Duration timeout = Duration.ofSeconds(30);

	public WebSession(int port) {
		this.baseUrl = "http://localhost:" + port;
	}

	/** How long one request may take (30 s unless set), e.g. longer for large uploads on a loaded machine. */
	public WebSession timeout(Duration timeout) {
		this.timeout = timeout;
		return this;
	}

	public static WebSession signedIn(int port, String email) {
		WebSession session = new WebSession(port);
		Page result = session.signIn(email, TestAccounts.PASSWORD);
		if (result.status() != 302 || result.location().contains("error")) {
			throw new AssertionError("Could not sign in as " + email + ": " + result);
		}
		return session;
	}

	public Page signIn(String email, String password) {
		get("/login");
		return postForm("/login", Map.of("email", email, "password", password));
	}

	public Page get(String path) {
		return get(path, Map.of());
	}

	public Page get(String path, Map<String, String> headers) {
		HttpRequest.Builder request = request(path).GET();
		headers.forEach(request::header);
		return remember(send(request.build()));
	}

	/** A form post with the CSRF token of the last page read (as a browser sends it). */
	public Page postForm(String path, Map<String, String> fields) {
		Map<String, String> withToken = new LinkedHashMap<>(fields);
		if (csrfToken != null) {
			withToken.putIfAbsent("_csrf", csrfToken);
		}
		return postFormWithoutToken(path, withToken);
	}

	/** A form post with the CSRF token and extra headers (such as X-Forwarded-For). */
	public Page postFormWithHeaders(String path, Map<String, String> fields, Map<String, String> headers) {
		Map<String, String> withToken = new LinkedHashMap<>(fields);
		if (csrfToken != null) {
			withToken.putIfAbsent("_csrf", csrfToken);
		}
		String body = withToken.entrySet()
			.stream()
			.map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
			.collect(Collectors.joining("&"));
		HttpRequest.Builder request = request(path).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		headers.forEach(request::header);
		return remember(send(request.build()));
	}

	public Page postFormWithoutToken(String path, Map<String, String> fields) {
		String body = fields.entrySet()
			.stream()
			.map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
			.collect(Collectors.joining("&"));
		return remember(send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build()));
	}

	/** An htmx request: the header htmx sends, and the CSRF token as a header like our script adds it. */
	public Page htmxPost(String path, Map<String, String> fields) {
		String body = fields.entrySet()
			.stream()
			.map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
			.collect(Collectors.joining("&"));
		return remember(send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
			.header("HX-Request", "true")
			.header("X-CSRF-TOKEN", csrfToken)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build()));
	}

	public Page htmxGet(String path) {
		return get(path, Map.of("HX-Request", "true"));
	}

	/** A multipart form post: text fields and files ({@code name -> (fileName, bytes)}). */
	public Page postMultipart(String path, Map<String, String> fields, Map<String, Map.Entry<String, byte[]>> files) {
		java.util.List<FilePart> parts = new java.util.ArrayList<>();
		files.forEach((name, file) -> parts.add(new FilePart(name, file.getKey(), file.getValue())));
		return postMultipart(path, fields, parts);
	}

	/** A multipart form post whose files may share a field name, as a multiple file input sends them. */
	public Page postMultipart(String path, Map<String, String> fields, java.util.List<FilePart> files) {
		String boundary = "----bugbridge" + UUID.randomUUID();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		Map<String, String> withToken = new LinkedHashMap<>(fields);
		if (csrfToken != null) {
			withToken.putIfAbsent("_csrf", csrfToken);
		}
		try {
			for (var field : withToken.entrySet()) {
				body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey()
						+ "\"\r\n\r\n" + field.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
			}
			for (FilePart file : files) {
				body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + file.field()
						+ "\"; filename=\"" + file.fileName() + "\"\r\nContent-Type: image/png\r\n\r\n")
					.getBytes(StandardCharsets.UTF_8));
				body.write(file.bytes());
				body.write("\r\n".getBytes(StandardCharsets.UTF_8));
			}
			body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return remember(send(request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
			.build()));
	}

	/** One file of a multipart form: its field, its name and its bytes. */
	public record FilePart(String field, String fileName, byte[] bytes) {
	}

	/**
	 * Opens an event stream, runs {@code whileOpen}, and reads until {@code until} appears or
	 * {@code timeout} passes; returns the status, content type and what was read. The stream is
	 * closed afterwards.
	 */
	public Stream readStream(String path, Runnable whileOpen, String until, Duration timeout) {
		HttpRequest request = request(path).header("Accept", "text/event-stream").GET().build();
		try {
			HttpResponse<java.io.InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
			StringBuilder read = new StringBuilder();
			java.util.concurrent.ExecutorService reader = java.util.concurrent.Executors.newSingleThreadExecutor();
			try (java.io.InputStream in = response.body()) {
				java.util.concurrent.Future<?> reading = reader.submit(() -> {
					byte[] buffer = new byte[1024];
					int n;
					while ((n = in.read(buffer)) > 0) {
						synchronized (read) {
							read.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
							if (read.indexOf(until) >= 0) {
								return null;
							}
						}
					}
					return null;
				});
				if (response.statusCode() == 200) {
					whileOpen.run();
				}
				try {
					reading.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
				}
				catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException ex) {
					reading.cancel(true);
				}
			}
			finally {
				reader.shutdownNow();
			}
			synchronized (read) {
				return new Stream(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
						read.toString());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public record Stream(int status, String contentType, String text) {
	}

	public String csrfToken() {
		return csrfToken;
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(baseUrl + path))
			.timeout(timeout)
			.header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
	}

	private Page remember(Page page) {
		if (page.contentType().startsWith("text/html")) {
			var meta = page.html().selectFirst("meta[name=csrf-token]");
			if (meta != null) {
				csrfToken = meta.attr("content");
			}
		}
		return page;
	}

	private Page send(HttpRequest request) {
		try {
			HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
			return new Page(response.statusCode(), response.headers(), response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	public record Page(int status, HttpHeaders headers, byte[] bytes) {

		public String body() {
			return new String(bytes, StandardCharsets.UTF_8);
		}

		public Document html() {
			return Jsoup.parse(body());
		}

		public String contentType() {
			return headers.firstValue("Content-Type").orElse("");
		}

		public String header(String name) {
			return headers.firstValue(name).orElse(null);
		}

		public String location() {
			return headers.firstValue("Location").orElse("");
		}

		@Override
		public String toString() {
			String text = body();
			return status + " " + contentType() + " " + location() + " "
					+ (text.length() > 2000 ? text.substring(0, 2000) + "..." : text);
		}

	}

}
