package io.bugbridge.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The product brief's original design, kept only as the benchmark's yardstick: every customer or
 * admin request becomes Jira calls made while the user waits. My tickets is one JQL search, ticket
 * details the issue plus its comments, the statistics six JQL counts one after the other (the
 * brief's six figures), and a submission a synchronous create whose key is the answer. BugBridge
 * itself answers reads from its own database; this class exists so that the difference can be
 * measured against the same Jira (the simulator, or a real site).
 */
public final class PassThroughJira {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** The six counts of the brief's {@code GET /api/jira/admin/stats}, in its JSON names. */
	private static final Map<String, String> STATS = new LinkedHashMap<>();

	static {
		STATS.put("total_issues", "");
		STATS.put("open_bugs", " AND issuetype = Bug AND statusCategory != Done");
		STATS.put("open_features", " AND issuetype = Story AND statusCategory != Done");
		STATS.put("open_support", " AND issuetype = Task AND statusCategory != Done");
		STATS.put("high_priority", " AND priority = High AND statusCategory != Done");
		STATS.put("critical_priority", " AND priority = Highest AND statusCategory != Done");
	}

	private final String base;

	private final String authorization;

	private final String project;

	private final String customerField;

	private final int timeoutMillis;

	/**
	 * @param customerField the custom field holding the customer id, e.g. {@code customfield_10050}
	 * @param timeout connect and read timeout of each call (the service's {@code request-timeout})
	 */
	public PassThroughJira(String baseUrl, String email, String apiToken, String project, String customerField,
			Duration timeout) {
		this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
		this.authorization = "Basic " + Base64.getEncoder()
			.encodeToString((email + ":" + apiToken).getBytes(StandardCharsets.UTF_8));
		this.project = project;
		this.customerField = customerField;
		this.timeoutMillis = (int) timeout.toMillis();
	}

	/** A customer's tickets, newest first: one JQL search. Answers the issue keys. */
	public List<String> myTickets(String customerId) throws IOException {
		String jql = "project = " + project + " AND cf[" + customerField.replaceAll("\\D", "") + "] ~ \""
				+ customerId.replace("\"", "") + "\" ORDER BY created DESC";
		JsonNode page = call("GET", "/rest/api/3/search/jql?jql=" + encode(jql)
				+ "&fields=summary,status,priority,issuetype,created,updated&maxResults=50", null);
		List<String> keys = new ArrayList<>();
		page.path("issues").forEach(issue -> keys.add(issue.path("key").asString()));
		return keys;
	}

	/** One ticket as the customer sees it: the issue, then its comments (two calls). */
	public JsonNode ticketDetails(String key) throws IOException {
		String path = "/rest/api/3/issue/" + encode(key);
		ObjectNode issue = (ObjectNode) call("GET", path + "?fields=summary,description,status,priority,issuetype,created,updated,"
				+ customerField, null);
		issue.set("comments", call("GET", path + "/comment", null).path("comments"));
		return issue;
	}

	/** The admin statistics: six JQL counts, one after the other as in the brief's design. */
	public Map<String, Long> stats() throws IOException {
		Map<String, Long> stats = new LinkedHashMap<>();
		for (Map.Entry<String, String> count : STATS.entrySet()) {
			ObjectNode body = JSON.createObjectNode().put("jql", "project = " + project + count.getValue());
			stats.put(count.getKey(), call("POST", "/rest/api/3/search/approximate-count", body).path("count").asLong());
		}
		return stats;
	}

	/** A bug report: the customer waits for Jira's create and gets its key. */
	public String submit(String customerId, String summary, String description, String priority) throws IOException {
		ObjectNode fields = JSON.createObjectNode();
		fields.putObject("project").put("key", project);
		fields.putObject("issuetype").put("name", "Bug");
		fields.put("summary", summary);
		ObjectNode doc = fields.putObject("description").put("type", "doc").put("version", 1);
		doc.putArray("content").addObject().put("type", "paragraph").putArray("content").addObject()
			.put("type", "text").put("text", description);
		fields.putObject("priority").put("name", priority);
		fields.put(customerField, customerId);
		ObjectNode body = JSON.createObjectNode();
		body.set("fields", fields);
		return call("POST", "/rest/api/3/issue", body).path("key").asString();
	}

	private JsonNode call(String method, String path, JsonNode body) throws IOException {
		HttpURLConnection connection = (HttpURLConnection) URI.create(base + path).toURL().openConnection();
		connection.setConnectTimeout(timeoutMillis);
		connection.setReadTimeout(timeoutMillis);
		connection.setRequestMethod(method);
		connection.setRequestProperty("Authorization", authorization);
		connection.setRequestProperty("Accept", "application/json");
		if (body != null) {
			connection.setDoOutput(true);
			connection.setRequestProperty("Content-Type", "application/json");
			try (OutputStream out = connection.getOutputStream()) {
				out.write(JSON.writeValueAsBytes(body));
			}
		}
		int status = connection.getResponseCode();
		// Reading the answer to its end hands the connection back for the next call.
		try (var in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
			byte[] bytes = in == null ? new byte[0] : in.readAllBytes();
			if (status >= 300) {
				throw new JiraCallFailed(method + " " + path.replaceAll("\\?.*", "") + " answered " + status);
			}
			return bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	/** Jira answered with an error status; the user of the pass-through design sees an error. */
	public static final class JiraCallFailed extends IOException {

		JiraCallFailed(String message) {
			super(message);
		}

	}

}
