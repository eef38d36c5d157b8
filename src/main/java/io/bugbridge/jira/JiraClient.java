package io.bugbridge.jira;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Jira Cloud REST v3 over the JDK HTTP client, with basic auth (e-mail and API token). Turns
 * failures into {@link JiraUnavailableException} (retry later) or {@link JiraRejectedException}
 * (fix something), and counts every call.
 */
class JiraClient {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http;

	private final String baseUrl;

	private final String authorization;

	private final Duration requestTimeout;

	private final JiraMetrics metrics;

	JiraClient(JiraProperties properties, JiraMetrics metrics) {
		this.http = HttpClient.newBuilder()
			.connectTimeout(properties.connectTimeout())
			.version(HttpClient.Version.HTTP_1_1)
			.build();
		this.baseUrl = properties.baseUrl();
		String credentials = String.valueOf(properties.email()) + ":" + String.valueOf(properties.apiToken());
		this.authorization = "Basic "
				+ Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
		this.requestTimeout = properties.requestTimeout();
		this.metrics = metrics;
	}

	// --- Reads ---

	JsonNode myself() {
		return get("/rest/api/3/myself");
	}

	/** The cheapest authenticated call there is, with its own time limit: is Jira answering? */
	void probe(Duration timeout) {
		execute(base("/rest/api/3/myself").timeout(timeout).GET().build(), false);
	}

	Optional<JsonNode> issue(String idOrKey, String fields) {
		return optional(() -> get("/rest/api/3/issue/" + encode(idOrKey) + "?fields=" + encode(fields)));
	}

	/** The issue with the given fields and issue properties. */
	Optional<JsonNode> issue(String idOrKey, String fields, String properties) {
		return optional(() -> get("/rest/api/3/issue/" + encode(idOrKey) + "?fields=" + encode(fields) + "&properties="
				+ encode(properties)));
	}

	/** One comment with its properties (ours carry {@code bugbridge.comment}). */
	Optional<JsonNode> comment(String issueId, String commentId) {
		return optional(() -> get("/rest/api/3/issue/" + encode(issueId) + "/comment/" + encode(commentId)
				+ "?expand=properties"));
	}

	/** Comments of an issue with their properties, oldest first (all pages). */
	List<JsonNode> comments(String issueId) {
		List<JsonNode> all = new ArrayList<>();
		int startAt = 0;
		while (true) {
			JsonNode page = get("/rest/api/3/issue/" + encode(issueId) + "/comment?startAt=" + startAt
					+ "&maxResults=100&expand=properties");
			page.path("comments").forEach(all::add);
			int total = page.path("total").asInt(all.size());
			int returned = page.path("comments").size();
			if (returned == 0 || all.size() >= total) {
				return all;
			}
			startAt += returned;
		}
	}

	/** One page of the enhanced JQL search ({@code /search/jql}); pass the previous page's token. */
	JsonNode search(String jql, String fields, String nextPageToken, int maxResults) {
		return search(jql, fields, null, nextPageToken, maxResults);
	}

	JsonNode search(String jql, String fields, String properties, String nextPageToken, int maxResults) {
		StringBuilder path = new StringBuilder("/rest/api/3/search/jql?jql=").append(encode(jql))
			.append("&maxResults=")
			.append(maxResults)
			.append("&fields=")
			.append(encode(fields));
		if (properties != null) {
			path.append("&properties=").append(encode(properties));
		}
		if (nextPageToken != null) {
			path.append("&nextPageToken=").append(encode(nextPageToken));
		}
		return get(path.toString());
	}

	/** Who changed the issue and when, oldest first (all pages). */
	List<JsonNode> changelog(String issueId) {
		List<JsonNode> all = new ArrayList<>();
		int startAt = 0;
		while (true) {
			JsonNode page = get("/rest/api/3/issue/" + encode(issueId) + "/changelog?startAt=" + startAt + "&maxResults=100");
			page.path("values").forEach(all::add);
			int returned = page.path("values").size();
			if (returned == 0 || page.path("isLast").asBoolean(all.size() >= page.path("total").asInt(all.size()))) {
				return all;
			}
			startAt += returned;
		}
	}

	JsonNode transitions(String issueId) {
		return get("/rest/api/3/issue/" + encode(issueId) + "/transitions");
	}

	/** The account id of the user with this e-mail address, if Jira shows it. */
	Optional<String> accountIdByEmail(String email) {
		JsonNode users = get("/rest/api/3/user/search?query=" + encode(email) + "&maxResults=10");
		for (JsonNode user : users) {
			if (email.equalsIgnoreCase(user.path("emailAddress").asString(""))) {
				return Optional.of(user.path("accountId").asString());
			}
		}
		return users.size() == 1 ? Optional.of(users.get(0).path("accountId").asString()) : Optional.empty();
	}

	JsonNode project(String key) {
		return get("/rest/api/3/project/" + encode(key));
	}

	JsonNode projectStatuses(String key) {
		return get("/rest/api/3/project/" + encode(key) + "/statuses");
	}

	JsonNode priorities() {
		return get("/rest/api/3/priority/search?maxResults=100");
	}

	JsonNode fields() {
		return get("/rest/api/3/field");
	}

	// --- Writes ---

	/** {@code {id, key, self}} of the new issue. */
	JsonNode createIssue(ObjectNode body) {
		return send("POST", "/rest/api/3/issue", body);
	}

	void editIssue(String issueId, ObjectNode body) {
		send("PUT", "/rest/api/3/issue/" + encode(issueId) + "?notifyUsers=false", body);
	}

	/** Deletes an issue (needs the "Delete issues" project permission: 403 without it). */
	void deleteIssue(String issueId) {
		execute(base("/rest/api/3/issue/" + encode(issueId)).DELETE().build(), true);
	}

	/** Links two issues with the named link type, e.g. Duplicate: {@code outwardKey} duplicates {@code inwardKey}. */
	void linkIssues(String type, String inwardKey, String outwardKey) {
		ObjectNode body = JSON.createObjectNode();
		body.putObject("type").put("name", type);
		body.putObject("inwardIssue").put("key", inwardKey);
		body.putObject("outwardIssue").put("key", outwardKey);
		send("POST", "/rest/api/3/issueLink", body);
	}

	void transition(String issueId, String transitionId) {
		ObjectNode body = JSON.createObjectNode();
		body.putObject("transition").put("id", transitionId);
		send("POST", "/rest/api/3/issue/" + encode(issueId) + "/transitions", body);
	}

	void assign(String issueId, String accountId) {
		ObjectNode body = JSON.createObjectNode();
		if (accountId == null) {
			body.putNull("accountId");
		}
		else {
			body.put("accountId", accountId);
		}
		send("PUT", "/rest/api/3/issue/" + encode(issueId) + "/assignee", body);
	}

	JsonNode addComment(String issueId, ObjectNode body) {
		return send("POST", "/rest/api/3/issue/" + encode(issueId) + "/comment", body);
	}

	/** Creates or, when the issue has one with the same {@code globalId}, updates a remote link. */
	JsonNode putRemoteLink(String issueId, ObjectNode body) {
		return send("POST", "/rest/api/3/issue/" + encode(issueId) + "/remotelink", body);
	}

	/** Uploads one file (multipart part {@code file}; Jira requires {@code X-Atlassian-Token: no-check}). */
	JsonNode addAttachment(String issueId, String fileName, String contentType, byte[] content) {
		String boundary = "bb-" + UUID.randomUUID();
		String safeName = fileName.replace("\"", "").replace("\r", "").replace("\n", "");
		byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + safeName
				+ "\"\r\nContent-Type: " + contentType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
		byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
		byte[] body = new byte[head.length + content.length + tail.length];
		System.arraycopy(head, 0, body, 0, head.length);
		System.arraycopy(content, 0, body, head.length, content.length);
		System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
		HttpRequest request = base("/rest/api/3/issue/" + encode(issueId) + "/attachments")
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.header("X-Atlassian-Token", "no-check")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build();
		return execute(request, true);
	}

	// --- Plumbing ---

	private JsonNode get(String path) {
		return execute(base(path).GET().build(), false);
	}

	private JsonNode send(String method, String path, ObjectNode body) {
		HttpRequest request = base(path).header("Content-Type", "application/json")
			.method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
			.build();
		return execute(request, true);
	}

	private HttpRequest.Builder base(String path) {
		return HttpRequest.newBuilder(URI.create(baseUrl + path))
			.timeout(requestTimeout)
			.header("Authorization", authorization)
			.header("Accept", "application/json");
	}

	private JsonNode execute(HttpRequest request, boolean write) {
		long started = System.nanoTime();
		try {
			return call(request, write);
		}
		catch (JiraUnavailableException ex) {
			throw ex.startedAt(started);
		}
	}

	private JsonNode call(HttpRequest request, boolean write) {
		String what = request.method() + " " + request.uri().getPath();
		HttpResponse<String> response;
		try {
			response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (HttpConnectTimeoutException | ConnectException ex) {
			metrics.call("unreachable");
			// Nothing was sent: a create can be sent again without a lookup.
			throw new JiraUnavailableException(what + ": Jira is unreachable (" + ex.getClass().getSimpleName() + ")",
					null, false, false);
		}
		catch (IOException ex) {
			metrics.call("io-error");
			throw new JiraUnavailableException(what + ": " + ex.getClass().getSimpleName()
					+ (ex.getMessage() == null ? "" : " " + ex.getMessage()), null, write, false);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			metrics.call("interrupted");
			throw new JiraUnavailableException(what + ": interrupted", null, write, false);
		}
		int status = response.statusCode();
		metrics.call(String.valueOf(status));
		if (status >= 200 && status < 300) {
			String body = response.body();
			return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
		}
		String detail = what + " answered " + status + errorText(response.body());
		if (status == 429 || status == 503 && response.headers().firstValue("Retry-After").isPresent()) {
			metrics.rateLimited();
			throw new JiraUnavailableException(detail, retryAfter(response), false, true, true);
		}
		if (status >= 500 || status == 408 || status == 409 || status == 401) {
			// 401: credentials are fixed by an operator, after which queued work should still go out.
			// 503 means Jira did not take the request; after a 500, 502 or 504 it may have.
			throw new JiraUnavailableException(detail, null, write && status >= 500 && status != 503, false, true);
		}
		throw new JiraRejectedException(status, detail);
	}

	private static Duration retryAfter(HttpResponse<?> response) {
		Optional<String> header = response.headers().firstValue("Retry-After");
		if (header.isEmpty()) {
			return null;
		}
		String value = header.get().trim();
		try {
			return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
		}
		catch (NumberFormatException notSeconds) {
			try {
				ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
				Duration wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
				return wait.isNegative() ? Duration.ZERO : wait;
			}
			catch (RuntimeException unparseable) {
				return null;
			}
		}
	}

	/** Jira's error messages, shortened: {@code errorMessages} and {@code errors}. */
	private static String errorText(String body) {
		if (body == null || body.isBlank()) {
			return "";
		}
		try {
			JsonNode json = JSON.readTree(body);
			List<String> parts = new ArrayList<>();
			json.path("errorMessages").forEach(m -> parts.add(m.asString()));
			json.path("errors").properties().forEach(e -> parts.add(e.getKey() + ": " + e.getValue().asString()));
			String text = String.join("; ", parts);
			return text.isEmpty() ? "" : ": " + (text.length() > 500 ? text.substring(0, 500) + "..." : text);
		}
		catch (RuntimeException notJson) {
			return "";
		}
	}

	private static <T> Optional<T> optional(java.util.function.Supplier<T> call) {
		try {
			return Optional.of(call.get());
		}
		catch (JiraRejectedException ex) {
			if (ex.notFound()) {
				return Optional.empty();
			}
			throw ex;
		}
	}

	static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

}
