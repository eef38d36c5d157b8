package io.bugbridge.jira;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.atlassian.oai.validator.model.SimpleRequest;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A stateful stand-in for Jira Cloud REST v3, on the JDK's HTTP server: issues with keys, a
 * workflow with transitions, users, comments, properties, attachments, remote links, the JQL the service uses,
 * and signed webhooks sent back to the service. Every request is checked against Atlassian's
 * OpenAPI description; a request that does not match is answered 400 and recorded in
 * {@link #violations()}, which tests assert empty. Faults: latency, downtime (503), 500s, 429 with
 * Retry-After, hangs past the client timeout, answers lost after the change was made, dropped and
 * duplicated webhooks.
 */
final class JiraSimulator implements AutoCloseable {

	static final String SERVICE_EMAIL = "bugbridge@acme.example";

	static final String SERVICE_ACCOUNT = "557058:bugbridge-service";

	static final String AGENT_ACCOUNT = "557058:agent-ann";

	static final String AGENT_EMAIL = "ann@acme.example";

	static final String PROJECT = "AURA";

	static final String CUSTOMER_FIELD = "customfield_10050";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final DateTimeFormatter JIRA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

	/** The workflow: status name → category; every status may move to every other, Closed only reopens. */
	private static final Map<String, String> STATUSES = new LinkedHashMap<>();

	static {
		STATUSES.put("To Do", "new");
		STATUSES.put("In Progress", "indeterminate");
		STATUSES.put("Waiting for Customer", "indeterminate");
		STATUSES.put("Resolved", "done");
		STATUSES.put("Closed", "done");
	}

	private final HttpServer server;

	private final ExecutorService webhookSender = Executors.newFixedThreadPool(2);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final Map<String, Issue> issues = new LinkedHashMap<>();

	private final Map<String, User> users = new ConcurrentHashMap<>();

	private final AtomicLong ids = new AtomicLong(10000);

	private final AtomicLong keys = new AtomicLong(1000);

	private final AtomicLong commentIds = new AtomicLong(50000);

	private final AtomicLong remoteLinkIds = new AtomicLong(70000);

	private final List<String> violations = new CopyOnWriteArrayList<>();

	private final List<String> requests = new CopyOnWriteArrayList<>();

	private final List<String> queries = new CopyOnWriteArrayList<>();

	private final List<String> webhooksSent = new CopyOnWriteArrayList<>();

	private final List<String> issueLinks = new CopyOnWriteArrayList<>();

	// Faults
	volatile Duration latency = Duration.ZERO;

	volatile boolean down;

	final AtomicInteger failNext = new AtomicInteger();

	final AtomicInteger rateLimitNext = new AtomicInteger();

	volatile int retryAfterSeconds = 1;

	final AtomicInteger hangNext = new AtomicInteger();

	volatile Duration hang = Duration.ofSeconds(3);

	/** Writes that take effect but whose answer is lost (500), like a crash between the two. */
	final AtomicInteger loseAnswerOfNextWrites = new AtomicInteger();

	/** Writes that take effect and then hang (the caller's process may be killed meanwhile). */
	final AtomicInteger hangAfterNextWrites = new AtomicInteger();

	/** Requests sleeping in {@link #hangAfterNextWrites} right now. */
	final AtomicInteger hanging = new AtomicInteger();

	/** Transitions the workflow lacks, as "From->To". */
	final Set<String> blockedTransitions = ConcurrentHashMap.newKeySet();

	/** When set ("POST /rest/api/3/issue"), the counted faults above hit only requests starting so. */
	volatile String faultsOnly;

	volatile double dropWebhooks;

	/**
	 * How long a new issue stays invisible to JQL search, as in Jira Cloud, whose search index
	 * lags behind writes; {@code GET issue} sees it at once.
	 */
	volatile Duration searchLag = Duration.ZERO;

	volatile boolean duplicateWebhooks;

	/** Creates are refused (400) as when the project makes a field required that the service does not send. */
	volatile boolean refuseCreates;

	volatile boolean webhooksEnabled = true;

	/**
	 * Creates accepted but applied late: the request is taken, never answered (the client times
	 * out after {@link #hang}), and applied only by {@link #applyLateCreates()}, as when Jira
	 * processes a request queued behind a stalled node after the caller gave up on it.
	 */
	final AtomicInteger applyNextCreatesLate = new AtomicInteger();

	private final List<byte[]> lateCreates = new CopyOnWriteArrayList<>();

	/** DELETE issue answers 403, as without the "Delete issues" project permission. */
	volatile boolean refuseDeletes;

	private volatile URI webhookTarget;

	private volatile String webhookSecret;

	JiraSimulator() {
		// Parse the 2.4 MB description now, not in the first request (which would time out).
		JiraSpec.validator();
		try {
			server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		server.setExecutor(Executors.newFixedThreadPool(48));
		server.createContext("/", this::handle);
		server.start();
		users.put(SERVICE_ACCOUNT, new User(SERVICE_ACCOUNT, SERVICE_EMAIL, "BugBridge"));
		users.put(AGENT_ACCOUNT, new User(AGENT_ACCOUNT, AGENT_EMAIL, "Ann Agent"));
		users.put("557058:dev-dan", new User("557058:dev-dan", "dan@acme.example", "Dan Developer"));
	}

	String url() {
		return "http://127.0.0.1:" + server.getAddress().getPort();
	}

	void sendWebhooksTo(String url, String secret) {
		this.webhookTarget = URI.create(url);
		this.webhookSecret = secret;
	}

	List<String> violations() {
		return List.copyOf(violations);
	}

	/** The violations so far, forgetting them (each test answers for its own requests). */
	synchronized List<String> takeViolations() {
		List<String> taken = List.copyOf(violations);
		violations.clear();
		return taken;
	}

	List<String> requests() {
		return List.copyOf(requests);
	}

	long requestCount(Predicate<String> which) {
		return requests.stream().filter(which).count();
	}

	/** Requests with their decoded query strings. */
	List<String> queries() {
		return List.copyOf(queries);
	}

	void clearRequests() {
		requests.clear();
		queries.clear();
	}

	/** Issues made in Jira while no webhook was sent (e.g. during a webhook outage). */
	synchronized List<String> createQuietly(int count, String customerId) {
		List<String> keys = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			Issue issue = newIssue("Quiet issue " + i, "Task", "Low", Adf.text("made while webhooks were lost"),
					List.of(), AGENT_ACCOUNT);
			if (customerId != null) {
				issue.fields.put(CUSTOMER_FIELD, customerId);
			}
			keys.add(issue.key);
		}
		return keys;
	}

	List<String> webhooksSent() {
		return List.copyOf(webhooksSent);
	}

	void heal() {
		down = false;
		latency = Duration.ZERO;
		failNext.set(0);
		rateLimitNext.set(0);
		hangNext.set(0);
		hangAfterNextWrites.set(0);
		loseAnswerOfNextWrites.set(0);
		blockedTransitions.clear();
		faultsOnly = null;
		dropWebhooks = 0;
		duplicateWebhooks = false;
		refuseCreates = false;
		searchLag = Duration.ZERO;
		applyNextCreatesLate.set(0);
		refuseDeletes = false;
	}

	@Override
	public void close() {
		server.stop(0);
		((ExecutorService) server.getExecutor()).shutdownNow();
		webhookSender.shutdownNow();
	}

	// --- What tests look at ---

	synchronized Optional<Issue> issue(String key) {
		return issues.values().stream().filter(i -> i.key.equals(key)).findFirst();
	}

	synchronized List<Issue> issuesLabelled(String label) {
		return issues.values().stream().filter(i -> i.labels.contains(label)).toList();
	}

	synchronized List<Issue> allIssues() {
		return List.copyOf(issues.values());
	}

	/** The issue's remote links as {@code GET .../remotelink} shows them, oldest first. */
	/** Creates taken by {@link #applyNextCreatesLate} and not applied yet. */
	int lateCreatesWaiting() {
		return lateCreates.size();
	}

	/** Applies the creates held back by {@link #applyNextCreatesLate} now (with their webhooks); their keys. */
	List<String> applyLateCreates() {
		List<String> applied = new ArrayList<>();
		for (byte[] body : List.copyOf(lateCreates)) {
			lateCreates.remove(body);
			Answer answer = createIssue(tryJson(body));
			applied.add(JSON.readTree(answer.body).path("key").asString());
		}
		return applied;
	}

	/** Issue links as {@code "<outward key> <type> <inward key>"}. */
	synchronized List<String> issueLinks() {
		return List.copyOf(issueLinks);
	}

	synchronized List<JsonNode> remoteLinks(String key) {
		return issue(key).map(i -> List.<JsonNode>copyOf(i.remoteLinks)).orElse(List.of());
	}

	/** How many remote link requests took effect on the issue (creates and updates). */
	synchronized int remoteLinkWrites(String key) {
		return issue(key).map(i -> i.remoteLinkWrites).orElse(0);
	}

	// --- What people do in Jira (each sends its webhook, as Jira does) ---

	String createAsAgent(String summary, String type, String priority, String customerId) {
		Issue issue;
		synchronized (this) {
			issue = newIssue(summary, type, priority, Adf.text("Filed in Jira by an agent"), List.of(), AGENT_ACCOUNT);
			if (customerId != null) {
				issue.fields.put(CUSTOMER_FIELD, customerId);
			}
		}
		webhook("jira:issue_created", issue, AGENT_ACCOUNT, null, null);
		return issue.key;
	}

	void transitionAsAgent(String key, String status) {
		Issue issue;
		String from;
		synchronized (this) {
			issue = issue(key).orElseThrow();
			from = issue.status;
			issue.status = status;
			issue.changedBy(AGENT_ACCOUNT);
		}
		webhook("jira:issue_updated", issue, AGENT_ACCOUNT, changelog("status", from, status), null);
	}

	void prioritiseAsAgent(String key, String priority) {
		Issue issue;
		String from;
		synchronized (this) {
			issue = issue(key).orElseThrow();
			from = issue.priority;
			issue.priority = priority;
			issue.changedBy(AGENT_ACCOUNT);
		}
		webhook("jira:issue_updated", issue, AGENT_ACCOUNT, changelog("priority", from, priority), null);
	}

	void labelAsAgent(String key, String label) {
		Issue issue;
		synchronized (this) {
			issue = issue(key).orElseThrow();
			issue.labels.add(label);
			issue.changedBy(AGENT_ACCOUNT);
		}
		webhook("jira:issue_updated", issue, AGENT_ACCOUNT, changelog("labels", "", label), null);
	}

	/** Moves the issue to a new key, as moving it between projects does (same id). */
	String rekeyAsAgent(String key) {
		Issue issue;
		synchronized (this) {
			issue = issue(key).orElseThrow();
			issue.key = PROJECT + "-" + keys.incrementAndGet();
			issue.touch();
		}
		webhook("jira:issue_updated", issue, AGENT_ACCOUNT, changelog("Key", key, issue.key), null);
		return issue.key;
	}

	String commentAsAgent(String key, String text, boolean internal) {
		Issue issue;
		ObjectNode comment;
		synchronized (this) {
			issue = issue(key).orElseThrow();
			comment = newComment(Adf.text(text), AGENT_ACCOUNT);
			if (internal) {
				comment.putObject("visibility").put("type", "role").put("value", "Administrators");
			}
			issue.comments.add(comment);
			issue.touch();
		}
		webhook("comment_created", issue, AGENT_ACCOUNT, null, comment);
		webhook("jira:issue_updated", issue, AGENT_ACCOUNT, null, comment);
		return comment.path("id").asString();
	}

	void editCommentAsAgent(String key, String commentId, String text) {
		Issue issue;
		ObjectNode comment;
		synchronized (this) {
			issue = issue(key).orElseThrow();
			comment = findComment(issue, commentId).orElseThrow();
			comment.set("body", Adf.text(text));
			comment.set("updateAuthor", user(AGENT_ACCOUNT));
			comment.put("updated", now());
			issue.touch();
		}
		webhook("comment_updated", issue, AGENT_ACCOUNT, null, comment);
	}

	void deleteCommentAsAgent(String key, String commentId) {
		Issue issue;
		ObjectNode comment;
		synchronized (this) {
			issue = issue(key).orElseThrow();
			comment = findComment(issue, commentId).orElseThrow();
			issue.comments.remove(comment);
			issue.touch();
		}
		webhook("comment_deleted", issue, AGENT_ACCOUNT, null, comment);
	}

	void deleteAsAgent(String key) {
		Issue issue;
		synchronized (this) {
			issue = issue(key).orElseThrow();
			issues.remove(issue.id);
		}
		webhook("jira:issue_deleted", issue, AGENT_ACCOUNT, null, null);
	}

	/** Sends a webhook exactly as given (forged, replayed, stale, ...). */
	HttpResponse<String> deliver(String body, String signature, String identifier) {
		try {
			HttpRequest.Builder request = HttpRequest.newBuilder(webhookTarget)
				.timeout(Duration.ofSeconds(10))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body));
			if (signature != null) {
				request.header("X-Hub-Signature", signature);
			}
			if (identifier != null) {
				request.header("X-Atlassian-Webhook-Identifier", identifier);
			}
			return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** A webhook body as Jira would send it for this issue now. */
	synchronized String webhookBody(String event, String key, String userAccount, ObjectNode changelog) {
		Issue issue = issue(key).orElseThrow();
		return JSON.writeValueAsString(event(event, issue, userAccount, changelog, null));
	}

	static String sign(String secret, String body) {
		return WebhookSignature.sign(secret, body.getBytes(StandardCharsets.UTF_8));
	}

	// --- HTTP ---

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			byte[] body = exchange.getRequestBody().readAllBytes();
			String method = exchange.getRequestMethod();
			String path = exchange.getRequestURI().getRawPath();
			String query = exchange.getRequestURI().getRawQuery();
			requests.add(method + " " + path);
			queries.add(method + " " + path + (query == null ? "" : "?" + URLDecoder.decode(query, StandardCharsets.UTF_8)));
			List<String> problems = validate(exchange, method, path, query, body);
			if (!problems.isEmpty()) {
				violations.add(method + " " + path + (query == null ? "" : "?" + query) + " -> " + problems);
				respond(exchange, 400, error(String.join("; ", problems)));
				return;
			}
			if (!authorised(exchange)) {
				respond(exchange, 401, error("Basic authentication with e-mail and API token required"));
				return;
			}
			if (!latency.isZero()) {
				sleep(latency);
			}
			if (down) {
				respond(exchange, 503, error("Service unavailable"));
				return;
			}
			if (method.equals("POST") && path.equals("/rest/api/3/issue") && take(applyNextCreatesLate)) {
				lateCreates.add(body);
				sleep(hang);
				return;
			}
			boolean faultable = faultsOnly == null || (method + " " + path).startsWith(faultsOnly);
			if (faultable && take(rateLimitNext)) {
				exchange.getResponseHeaders().add("Retry-After", String.valueOf(retryAfterSeconds));
				exchange.getResponseHeaders().add("RateLimit-Reason", "jira-burst-based");
				respond(exchange, 429, error("Rate limit exceeded"));
				return;
			}
			if (faultable && take(failNext)) {
				respond(exchange, 500, error("Internal server error"));
				return;
			}
			if (faultable && take(hangNext)) {
				sleep(hang);
				return;
			}
			boolean write = !method.equals("GET");
			Answer answer = route(method, path, params(query), body);
			if (faultable && write && answer.status < 300 && take(hangAfterNextWrites)) {
				hanging.incrementAndGet();
				try {
					sleep(hang);
				}
				finally {
					hanging.decrementAndGet();
				}
				return;
			}
			if (faultable && write && answer.status < 300 && take(loseAnswerOfNextWrites)) {
				respond(exchange, 500, error("Internal server error after the change"));
				return;
			}
			respond(exchange, answer.status, answer.body);
		}
		catch (RuntimeException ex) {
			violations.add("simulator error: " + ex);
			respond(exchange, 500, error(ex.toString()));
		}
	}

	private static boolean take(AtomicInteger counter) {
		return counter.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
	}

	private boolean authorised(HttpExchange exchange) {
		String header = exchange.getRequestHeaders().getFirst("Authorization");
		if (header == null || !header.startsWith("Basic ")) {
			return false;
		}
		String decoded = new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8);
		return decoded.startsWith(SERVICE_EMAIL + ":") && decoded.length() > SERVICE_EMAIL.length() + 1;
	}

	private List<String> validate(HttpExchange exchange, String method, String path, String query, byte[] body) {
		SimpleRequest.Builder request = new SimpleRequest.Builder(method, path);
		exchange.getRequestHeaders().forEach((name, values) -> request.withHeader(name, values));
		params(query).forEach((name, value) -> request.withQueryParam(name, value));
		String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
		List<String> problems = new ArrayList<>();
		if (contentType != null && contentType.startsWith("multipart/form-data")) {
			if (!"no-check".equals(exchange.getRequestHeaders().getFirst("X-Atlassian-Token"))) {
				problems.add("attachments need X-Atlassian-Token: no-check (XSRF check failed)");
			}
			if (!new String(body, StandardCharsets.ISO_8859_1).contains("name=\"file\"")) {
				problems.add("the multipart part must be named 'file'");
			}
			request.withBody(body);
		}
		else if (body.length > 0) {
			request.withBody(new String(body, StandardCharsets.UTF_8));
			problems.addAll(adfProblems(body));
		}
		problems.addAll(JiraSpec.problems(request.build()));
		return problems;
	}

	/** ADF rules the OpenAPI document does not state: text nodes are never empty. */
	private static List<String> adfProblems(byte[] body) {
		List<String> problems = new ArrayList<>();
		try {
			JsonNode json = JSON.readTree(body);
			walkAdf(json, problems);
			for (JsonNode document : List.of(json.path("fields").path("description"), json.path("body"))) {
				if (document.isObject()) {
					problems.addAll(JiraSpec.adfProblems(JSON.writeValueAsString(document)));
				}
			}
		}
		catch (RuntimeException notJson) {
			// The validator reports it.
		}
		return problems;
	}

	private static void walkAdf(JsonNode node, List<String> problems) {
		if (node.isObject()) {
			if ("text".equals(node.path("type").asString()) && node.path("text").asString("").isEmpty()) {
				problems.add("ADF text nodes must not be empty");
			}
			if ("doc".equals(node.path("type").asString()) && node.path("version").asInt() != 1) {
				problems.add("ADF doc needs version 1");
			}
			node.forEach(child -> walkAdf(child, problems));
		}
		else if (node.isArray()) {
			node.forEach(child -> walkAdf(child, problems));
		}
	}

	private record Answer(int status, String body) {
	}

	private static final Pattern ISSUE = Pattern.compile("/rest/api/3/issue/([^/]+)");

	private static final Pattern ISSUE_SUB = Pattern.compile("/rest/api/3/issue/([^/]+)/(transitions|assignee|comment|attachments|remotelink|changelog)");

	private static final Pattern COMMENT = Pattern.compile("/rest/api/3/issue/([^/]+)/comment/([^/]+)");

	private final ThreadLocal<byte[]> rawBody = new ThreadLocal<>();

	private Answer route(String method, String path, Map<String, String> query, byte[] body) {
		rawBody.set(body);
		JsonNode json = body.length == 0 ? JSON.createObjectNode() : tryJson(body);
		Matcher m;
		if (method.equals("GET") && path.equals("/rest/api/3/myself")) {
			return ok(user(SERVICE_ACCOUNT).put("timeZone", "Europe/Berlin"));
		}
		if (method.equals("POST") && path.equals("/rest/api/3/issue")) {
			return createIssue(json);
		}
		if (method.equals("POST") && path.equals("/rest/api/3/issueLink")) {
			return linkIssues(json);
		}
		if (method.equals("GET") && path.equals("/rest/api/3/search/jql")) {
			return search(query);
		}
		if (method.equals("POST") && path.equals("/rest/api/3/search/approximate-count")) {
			return count(json.path("jql").asString(""));
		}
		if (method.equals("GET") && path.equals("/rest/api/3/user/search")) {
			String wanted = query.getOrDefault("query", "").toLowerCase(Locale.ROOT);
			ArrayNode found = JSON.createArrayNode();
			users.values().stream().filter(u -> u.email.startsWith(wanted) || u.name.toLowerCase(Locale.ROOT).startsWith(wanted))
				.forEach(u -> found.add(user(u.accountId)));
			return new Answer(200, JSON.writeValueAsString(found));
		}
		if (method.equals("GET") && path.equals("/rest/api/3/priority/search")) {
			ObjectNode page = JSON.createObjectNode();
			ArrayNode values = page.putArray("values");
			for (String name : List.of("Highest", "High", "Medium", "Low", "Lowest")) {
				values.addObject().put("name", name).put("id", String.valueOf(values.size() + 1));
			}
			page.put("isLast", true);
			return ok(page);
		}
		if (method.equals("GET") && path.equals("/rest/api/3/field")) {
			ArrayNode fields = JSON.createArrayNode();
			fields.addObject().put("id", "summary").put("name", "Summary");
			fields.addObject().put("id", CUSTOMER_FIELD).put("name", "Customer");
			return new Answer(200, JSON.writeValueAsString(fields));
		}
		if (method.equals("GET") && path.equals("/rest/api/3/project/" + PROJECT)) {
			ObjectNode project = JSON.createObjectNode().put("key", PROJECT).put("id", "10000").put("name", "Aura")
				.put("projectTypeKey", "software");
			ArrayNode types = project.putArray("issueTypes");
			for (String type : List.of("Bug", "Story", "Task", "Epic")) {
				types.addObject().put("name", type);
			}
			return ok(project);
		}
		if (method.equals("GET") && path.equals("/rest/api/3/project/" + PROJECT + "/statuses")) {
			ArrayNode types = JSON.createArrayNode();
			ObjectNode bug = types.addObject().put("name", "Bug");
			ArrayNode statuses = bug.putArray("statuses");
			STATUSES.keySet().forEach(name -> statuses.addObject().put("name", name));
			return new Answer(200, JSON.writeValueAsString(types));
		}
		if (path.startsWith("/rest/api/3/project/")) {
			return new Answer(404, error("No project could be found"));
		}
		if ((m = COMMENT.matcher(path)).matches() && method.equals("GET")) {
			String issueRef = m.group(1);
			String commentRef = m.group(2);
			synchronized (this) {
				Optional<Issue> issue = find(issueRef);
				Optional<ObjectNode> comment = issue.flatMap(i -> findComment(i, commentRef));
				return comment.map(c -> ok(c)).orElseGet(() -> new Answer(404, error("Comment not found")));
			}
		}
		if ((m = ISSUE_SUB.matcher(path)).matches()) {
			return issueSub(method, m.group(1), m.group(2), json, query);
		}
		if ((m = ISSUE.matcher(path)).matches()) {
			if (method.equals("GET")) {
				synchronized (this) {
					return find(m.group(1)).map(i -> ok(render(i, query.get("fields"), query.get("properties"))))
						.orElseGet(() -> new Answer(404, error("Issue does not exist or you do not have permission to see it.")));
				}
			}
			if (method.equals("PUT")) {
				return edit(m.group(1), json);
			}
			if (method.equals("DELETE")) {
				return delete(m.group(1));
			}
		}
		return new Answer(404, error("No route in the simulator for " + method + " " + path));
	}

	private Answer createIssue(JsonNode body) {
		JsonNode fields = body.path("fields");
		if (!PROJECT.equals(fields.path("project").path("key").asString())) {
			return new Answer(400, error("project: valid project is required"));
		}
		String type = fields.path("issuetype").path("name").asString();
		if (!List.of("Bug", "Story", "Task", "Epic").contains(type)) {
			return new Answer(400, error("issuetype: Specify a valid issue type"));
		}
		if (refuseCreates) {
			ObjectNode problem = JSON.createObjectNode();
			problem.putArray("errorMessages");
			problem.putObject("errors").put("components", "Component/s is required.");
			return new Answer(400, JSON.writeValueAsString(problem));
		}
		Issue issue;
		synchronized (this) {
			List<String> labels = new ArrayList<>();
			fields.path("labels").forEach(l -> labels.add(l.asString()));
			issue = newIssue(fields.path("summary").asString(), type, fields.path("priority").path("name").asString("Medium"),
					fields.path("description"), labels, SERVICE_ACCOUNT);
			if (fields.has(CUSTOMER_FIELD)) {
				issue.fields.put(CUSTOMER_FIELD, fields.path(CUSTOMER_FIELD).asString());
			}
			body.path("properties").forEach(p -> issue.properties.set(p.path("key").asString(), p.path("value")));
		}
		webhook("jira:issue_created", issue, SERVICE_ACCOUNT, null, null);
		return new Answer(201, JSON.writeValueAsString(JSON.createObjectNode().put("id", issue.id).put("key", issue.key)
			.put("self", url() + "/rest/api/3/issue/" + issue.id)));
	}

	/** DELETE issue as the service: 204, 404, or 403 without the permission ({@link #refuseDeletes}). */
	private Answer delete(String idOrKey) {
		Issue issue;
		synchronized (this) {
			Optional<Issue> found = find(idOrKey);
			if (found.isEmpty()) {
				return new Answer(404, error("Issue does not exist or you do not have permission to see it."));
			}
			if (refuseDeletes) {
				return new Answer(403, error("You do not have permission to delete issues in this project."));
			}
			issue = found.get();
			issues.remove(issue.id);
		}
		webhook("jira:issue_deleted", issue, SERVICE_ACCOUNT, null, null);
		return new Answer(204, "");
	}

	/** POST issueLink: both issues must exist and the type must be one the site has. */
	private synchronized Answer linkIssues(JsonNode body) {
		String type = body.path("type").path("name").asString("");
		if (!List.of("Duplicate", "Blocks", "Relates", "Cloners").contains(type)) {
			return new Answer(404, error("No issue link type with name '" + type + "' found."));
		}
		Optional<Issue> inward = find(body.path("inwardIssue").path("key").asString(body.path("inwardIssue").path("id").asString("")));
		Optional<Issue> outward = find(body.path("outwardIssue").path("key").asString(body.path("outwardIssue").path("id").asString("")));
		if (inward.isEmpty() || outward.isEmpty()) {
			return new Answer(404, error("Issue does not exist or you do not have permission to see it."));
		}
		String link = outward.get().key + " " + type + " " + inward.get().key;
		if (!issueLinks.contains(link)) {
			issueLinks.add(link);
		}
		return new Answer(201, "");
	}

	private Answer edit(String idOrKey, JsonNode body) {
		Issue issue;
		ObjectNode log = JSON.createObjectNode();
		ArrayNode items = log.putArray("items");
		synchronized (this) {
			Optional<Issue> found = find(idOrKey);
			if (found.isEmpty()) {
				return new Answer(404, error("Issue does not exist"));
			}
			issue = found.get();
			JsonNode fields = body.path("fields");
			if (fields.has("summary")) {
				items.add(item("summary", issue.summary, fields.path("summary").asString()));
				issue.summary = fields.path("summary").asString();
			}
			if (fields.has("description")) {
				items.add(item("description", "", ""));
				issue.description = fields.path("description");
			}
			if (fields.has("priority")) {
				items.add(item("priority", issue.priority, fields.path("priority").path("name").asString()));
				issue.priority = fields.path("priority").path("name").asString();
			}
			for (JsonNode operation : body.path("update").path("labels")) {
				if (operation.has("add") && !issue.labels.contains(operation.path("add").asString())) {
					issue.labels.add(operation.path("add").asString());
				}
				if (operation.has("remove")) {
					issue.labels.remove(operation.path("remove").asString());
				}
				items.add(item("labels", "", operation.toString()));
			}
			issue.changedBy(SERVICE_ACCOUNT);
		}
		webhook("jira:issue_updated", issue, SERVICE_ACCOUNT, log, null);
		return new Answer(204, "");
	}

	private Answer issueSub(String method, String idOrKey, String what, JsonNode body, Map<String, String> query) {
		Issue issue;
		synchronized (this) {
			Optional<Issue> found = find(idOrKey);
			if (found.isEmpty()) {
				return new Answer(404, error("Issue does not exist"));
			}
			issue = found.get();
		}
		switch (what) {
			case "transitions" -> {
				if (method.equals("GET")) {
					ObjectNode answer = JSON.createObjectNode();
					ArrayNode transitions = answer.putArray("transitions");
					synchronized (this) {
						for (String target : allowedTargets(issue.status)) {
							ObjectNode t = transitions.addObject().put("id", transitionId(target)).put("name", "Move to " + target);
							t.set("to", status(target));
						}
					}
					return ok(answer);
				}
				String id = body.path("transition").path("id").asString();
				String target;
				String from;
				synchronized (this) {
					target = STATUSES.keySet().stream().filter(s -> transitionId(s).equals(id)).findFirst().orElse(null);
					if (target == null || !allowedTargets(issue.status).contains(target)) {
						return new Answer(400, error("Transition id '" + id + "' is not valid for this issue."));
					}
					from = issue.status;
					issue.status = target;
					issue.touch();
				}
				webhook("jira:issue_updated", issue, SERVICE_ACCOUNT, changelog("status", from, target), null);
				return new Answer(204, "");
			}
			case "assignee" -> {
				String accountId = body.path("accountId").isNull() ? null : body.path("accountId").asString(null);
				if (accountId != null && !users.containsKey(accountId)) {
					return new Answer(400, error("User '" + accountId + "' cannot be assigned issues."));
				}
				synchronized (this) {
					issue.assignee = accountId;
					issue.touch();
				}
				webhook("jira:issue_updated", issue, SERVICE_ACCOUNT, changelog("assignee", "", String.valueOf(accountId)), null);
				return new Answer(204, "");
			}
			case "comment" -> {
				if (method.equals("GET")) {
					synchronized (this) {
						ObjectNode page = JSON.createObjectNode();
						ArrayNode list = page.putArray("comments");
						issue.comments.forEach(list::add);
						page.put("total", issue.comments.size()).put("startAt", 0).put("maxResults", 100);
						return ok(page);
					}
				}
				ObjectNode comment;
				synchronized (this) {
					comment = newComment(body.path("body"), SERVICE_ACCOUNT);
					if (body.has("visibility")) {
						comment.set("visibility", body.path("visibility"));
					}
					if (body.has("properties")) {
						comment.set("properties", body.path("properties"));
						for (JsonNode p : body.path("properties")) {
							if ("sd.public.comment".equals(p.path("key").asString())) {
								comment.put("jsdPublic", !p.path("value").path("internal").asBoolean(false));
							}
						}
					}
					issue.comments.add(comment);
					issue.touch();
				}
				webhook("comment_created", issue, SERVICE_ACCOUNT, null, comment);
				return new Answer(201, JSON.writeValueAsString(comment));
			}
			case "attachments" -> {
				String multipart = new String(rawBody.get(), StandardCharsets.ISO_8859_1);
				Matcher name = Pattern.compile("filename=\"([^\"]*)\"").matcher(multipart);
				int start = multipart.indexOf("\r\n\r\n") + 4;
				int end = multipart.lastIndexOf("\r\n--");
				synchronized (this) {
					ObjectNode attachment = JSON.createObjectNode().put("id", String.valueOf(ids.incrementAndGet()))
						.put("filename", name.find() ? name.group(1) : "?").put("size", Math.max(0, end - start));
					issue.attachments.add(attachment);
					issue.touch();
					return new Answer(200, JSON.writeValueAsString(JSON.createArrayNode().add(attachment)));
				}
			}
			case "remotelink" -> {
				return remoteLink(method, issue, body, query);
			}
			case "changelog" -> {
				synchronized (this) {
					ObjectNode page = JSON.createObjectNode();
					ArrayNode values = page.putArray("values");
					for (int i = 0; i < issue.history.size(); i++) {
						ObjectNode history = values.addObject().put("id", String.valueOf(i + 1));
						history.set("author", user(issue.history.get(i)));
						history.putArray("items");
					}
					page.put("startAt", 0).put("maxResults", 100).put("total", issue.history.size()).put("isLast", true);
					return ok(page);
				}
			}
			default -> {
				return new Answer(404, error("unknown"));
			}
		}
	}

	/**
	 * Remote links: a POST with a globalId the issue already has updates that link (200), anything
	 * else adds one (201). Jira sends no webhook for either.
	 */
	private synchronized Answer remoteLink(String method, Issue issue, JsonNode body, Map<String, String> query) {
		if (method.equals("GET")) {
			String globalId = query.get("globalId");
			ArrayNode list = JSON.createArrayNode();
			issue.remoteLinks.stream().filter(l -> globalId == null || globalId.equals(l.path("globalId").asString(null)))
				.forEach(list::add);
			return new Answer(200, JSON.writeValueAsString(list));
		}
		if (!method.equals("POST")) {
			return new Answer(405, error("Method not allowed"));
		}
		JsonNode object = body.path("object");
		if (object.path("url").asString("").isBlank() || object.path("title").asString("").isBlank()) {
			ObjectNode problem = JSON.createObjectNode();
			problem.putArray("errorMessages");
			problem.putObject("errors").put("title", "'title' and 'url' are required.");
			return new Answer(400, JSON.writeValueAsString(problem));
		}
		String globalId = body.path("globalId").asString(null);
		if (globalId != null && globalId.length() > 255) {
			return new Answer(400, error("globalId: the maximum length is 255 characters."));
		}
		Optional<ObjectNode> existing = globalId == null ? Optional.empty()
				: issue.remoteLinks.stream().filter(l -> globalId.equals(l.path("globalId").asString(null))).findFirst();
		ObjectNode link = existing.orElseGet(() -> {
			long id = remoteLinkIds.incrementAndGet();
			ObjectNode created = JSON.createObjectNode().put("id", id)
				.put("self", url() + "/rest/api/3/issue/" + issue.key + "/remotelink/" + id);
			issue.remoteLinks.add(created);
			return created;
		});
		if (globalId != null) {
			link.put("globalId", globalId);
		}
		for (String field : List.of("application", "relationship", "object")) {
			if (body.has(field)) {
				link.set(field, body.path(field));
			}
			else {
				link.remove(field);
			}
		}
		issue.remoteLinkWrites++;
		ObjectNode answer = JSON.createObjectNode().put("id", link.path("id").asLong()).put("self", link.path("self").asString());
		return new Answer(existing.isPresent() ? 200 : 201, JSON.writeValueAsString(answer));
	}

	/**
	 * The JQL the service uses (project, labels (= and in), updated >=, ORDER BY; paged by token) and
	 * the brief's pass-through design uses (issuetype, priority, statusCategory, a custom field ~).
	 */
	private Answer search(Map<String, String> query) {
		String jql = query.getOrDefault("jql", "");
		String[] parts = jql.split("(?i)\\s+ORDER\\s+BY\\s+");
		List<Predicate<Issue>> filters = new ArrayList<>();
		String unknown = parseJql(parts[0], filters);
		if (unknown != null) {
			return new Answer(400, error(unknown));
		}
		List<Issue> matching = matching(filters);
		boolean descending = parts.length > 1 && parts[1].trim().toLowerCase(Locale.ROOT).endsWith("desc");
		if (parts.length > 1 && parts[1].trim().toLowerCase(Locale.ROOT).startsWith("updated")) {
			matching.sort(Comparator.comparing(i -> i.updated));
		}
		else {
			matching.sort(Comparator.comparing(i -> i.created));
		}
		if (descending) {
			Collections.reverse(matching);
		}
		int max = Integer.parseInt(query.getOrDefault("maxResults", "50"));
		int start = query.containsKey("nextPageToken")
				? Integer.parseInt(new String(Base64.getDecoder().decode(query.get("nextPageToken")), StandardCharsets.UTF_8))
				: 0;
		ObjectNode page = JSON.createObjectNode();
		ArrayNode list = page.putArray("issues");
		synchronized (this) {
			for (int i = start; i < Math.min(matching.size(), start + max); i++) {
				list.add(render(matching.get(i), query.getOrDefault("fields", "id"), query.get("properties")));
			}
		}
		boolean last = start + max >= matching.size();
		page.put("isLast", last);
		if (!last) {
			page.put("nextPageToken", Base64.getEncoder().encodeToString(String.valueOf(start + max).getBytes(StandardCharsets.UTF_8)));
		}
		return ok(page);
	}

	private Answer count(String jql) {
		List<Predicate<Issue>> filters = new ArrayList<>();
		String unknown = parseJql(jql.split("(?i)\\s+ORDER\\s+BY\\s+")[0], filters);
		if (unknown != null) {
			return new Answer(400, error(unknown));
		}
		return ok(JSON.createObjectNode().put("count", matching(filters).size()));
	}

	private List<Issue> matching(List<Predicate<Issue>> filters) {
		Instant indexed = Instant.now();
		synchronized (this) {
			return new ArrayList<>(issues.values().stream().filter(i -> !i.searchableAt.isAfter(indexed))
				.filter(i -> filters.stream().allMatch(f -> f.test(i))).toList());
		}
	}

	/** Adds a filter per clause; answers the error message for JQL it does not understand, else null. */
	private static String parseJql(String where, List<Predicate<Issue>> filters) {
		if (where.isBlank()) {
			return "Unbounded JQL queries are not allowed here.";
		}
		for (String clause : where.split("(?i)\\s+AND\\s+")) {
			Matcher m;
			if ((m = Pattern.compile("project\\s*=\\s*\"?([A-Z0-9_]+)\"?").matcher(clause.trim())).matches()) {
				String project = m.group(1);
				filters.add(i -> i.key.startsWith(project + "-"));
			}
			else if ((m = Pattern.compile("labels\\s*=\\s*\"([^\"]+)\"").matcher(clause.trim())).matches()) {
				String label = m.group(1);
				filters.add(i -> i.labels.contains(label));
			}
			else if ((m = Pattern.compile("labels\\s+in\\s*\\(([^)]*)\\)").matcher(clause.trim())).matches()) {
				Set<String> labels = Set.of(m.group(1).replace("\"", "").split("\\s*,\\s*"));
				filters.add(i -> i.labels.stream().anyMatch(labels::contains));
			}
			else if ((m = Pattern.compile("updated\\s*>=\\s*\"(\\d{4}[-/]\\d{2}[-/]\\d{2} \\d{2}:\\d{2})\"").matcher(clause.trim())).matches()) {
				// JQL dates are in the user's time zone (here Europe/Berlin), minute precision.
				Instant from = LocalDateTime.parse(m.group(1).replace('/', '-'), DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"))
					.atZone(ZoneId.of("Europe/Berlin"))
					.toInstant();
				filters.add(i -> !i.updated.isBefore(from));
			}
			else if ((m = Pattern.compile("(issuetype|priority)\\s*=\\s*\"?([^\"]+?)\"?").matcher(clause.trim())).matches()) {
				boolean type = m.group(1).equals("issuetype");
				String value = m.group(2);
				filters.add(i -> value.equals(type ? i.type : i.priority));
			}
			else if ((m = Pattern.compile("statusCategory\\s*(!?=)\\s*\"?Done\"?").matcher(clause.trim())).matches()) {
				boolean done = m.group(1).equals("=");
				filters.add(i -> "done".equals(STATUSES.get(i.status)) == done);
			}
			else if ((m = Pattern.compile("cf\\[(\\d+)]\\s*~\\s*\"([^\"]+)\"").matcher(clause.trim())).matches()) {
				String field = "customfield_" + m.group(1);
				String value = m.group(2);
				filters.add(i -> i.fields.path(field).asString("").contains(value));
			}
			else {
				return "The simulator does not understand the JQL clause '" + clause + "'";
			}
		}
		return null;
	}

	// --- State ---

	static final class Issue {

		final String id;

		String key;

		String summary;

		JsonNode description;

		String type;

		String priority;

		String status = "To Do";

		String assignee;

		final String reporter;

		final List<String> labels = new CopyOnWriteArrayList<>();

		final ObjectNode properties = JSON.createObjectNode();

		final ObjectNode fields = JSON.createObjectNode();

		final List<ObjectNode> comments = new CopyOnWriteArrayList<>();

		final List<ObjectNode> attachments = new CopyOnWriteArrayList<>();

		final List<ObjectNode> remoteLinks = new CopyOnWriteArrayList<>();

		int remoteLinkWrites;

		final Instant created = Instant.now();

		volatile Instant updated = created;

		/** When the search index shows it (see {@link JiraSimulator#searchLag}). */
		volatile Instant searchableAt = created;

		Issue(String id, String key, String reporter) {
			this.id = id;
			this.key = key;
			this.reporter = reporter;
		}

		/** Who changed the issue, oldest first, as its changelog shows it. */
		final List<String> history = new CopyOnWriteArrayList<>();

		void changedBy(String accountId) {
			history.add(accountId);
			touch();
		}

		void touch() {
			Instant now = Instant.now();
			updated = now.isAfter(updated) ? now : updated.plusMillis(1);
		}

		String key() {
			return key;
		}

		String status() {
			return status;
		}

		String priority() {
			return priority;
		}

		List<String> labels() {
			return labels;
		}

		List<ObjectNode> comments() {
			return comments;
		}

		JsonNode property(String key) {
			return properties.path(key);
		}

		String customer() {
			return fields.path(CUSTOMER_FIELD).asString(null);
		}

		String descriptionText() {
			return Adf.toText(description);
		}

	}

	private record User(String accountId, String email, String name) {
	}

	private Issue newIssue(String summary, String type, String priority, JsonNode description, List<String> labels,
			String reporter) {
		Issue issue = new Issue(String.valueOf(ids.incrementAndGet()), PROJECT + "-" + keys.incrementAndGet(), reporter);
		issue.summary = summary;
		issue.type = type;
		issue.priority = priority;
		issue.description = description;
		issue.labels.addAll(labels);
		issue.searchableAt = issue.created.plus(searchLag);
		issues.put(issue.id, issue);
		return issue;
	}

	private Optional<Issue> find(String idOrKey) {
		Issue byId = issues.get(idOrKey);
		return byId != null ? Optional.of(byId) : issues.values().stream().filter(i -> i.key.equals(idOrKey)).findFirst();
	}

	private static Optional<ObjectNode> findComment(Issue issue, String id) {
		return issue.comments.stream().filter(c -> c.path("id").asString().equals(id)).findFirst();
	}

	private ObjectNode newComment(JsonNode body, String author) {
		ObjectNode comment = JSON.createObjectNode();
		comment.put("id", String.valueOf(commentIds.incrementAndGet()));
		comment.set("author", user(author));
		comment.set("updateAuthor", user(author));
		comment.set("body", body);
		comment.put("created", now());
		comment.put("updated", now());
		return comment;
	}

	private List<String> allowedTargets(String from) {
		if (from.equals("Closed")) {
			return List.of("To Do");
		}
		return STATUSES.keySet().stream().filter(s -> !s.equals(from) && !blockedTransitions.contains(from + "->" + s)).toList();
	}

	private static String transitionId(String status) {
		return String.valueOf(11 + 10 * new ArrayList<>(STATUSES.keySet()).indexOf(status));
	}

	private static ObjectNode status(String name) {
		ObjectNode status = JSON.createObjectNode().put("name", name).put("id", String.valueOf(name.hashCode() & 0xffff));
		status.putObject("statusCategory").put("key", STATUSES.get(name));
		return status;
	}

	private ObjectNode user(String accountId) {
		User user = users.get(accountId);
		ObjectNode node = JSON.createObjectNode().put("accountId", accountId).put("displayName", user.name)
			.put("active", true);
		node.put("emailAddress", user.email);
		return node;
	}

	private ObjectNode render(Issue issue, String fieldList, String propertyList) {
		ObjectNode node = JSON.createObjectNode().put("id", issue.id).put("key", issue.key)
			.put("self", url() + "/rest/api/3/issue/" + issue.id);
		Set<String> wanted = fieldList == null ? Set.of("*all") : Set.of(fieldList.split(","));
		ObjectNode fields = node.putObject("fields");
		Predicate<String> want = f -> wanted.contains("*all") || wanted.contains(f);
		if (want.test("summary")) {
			fields.put("summary", issue.summary);
		}
		if (want.test("description")) {
			fields.set("description", issue.description);
		}
		if (want.test("status")) {
			fields.set("status", status(issue.status));
		}
		if (want.test("priority")) {
			fields.putObject("priority").put("name", issue.priority);
		}
		if (want.test("assignee")) {
			fields.set("assignee", issue.assignee == null ? JSON.nullNode() : user(issue.assignee));
		}
		if (want.test("reporter")) {
			fields.set("reporter", user(issue.reporter));
		}
		if (want.test("creator")) {
			fields.set("creator", user(issue.reporter));
		}
		if (want.test("issuetype")) {
			fields.putObject("issuetype").put("name", issue.type);
		}
		if (want.test("labels")) {
			ArrayNode labels = fields.putArray("labels");
			issue.labels.forEach(labels::add);
		}
		if (want.test("project")) {
			fields.putObject("project").put("key", issue.key.substring(0, issue.key.indexOf('-')));
		}
		if (want.test("created")) {
			fields.put("created", JIRA_TIME.format(issue.created.atOffset(ZoneOffset.UTC)));
		}
		if (want.test("updated")) {
			fields.put("updated", JIRA_TIME.format(issue.updated.atOffset(ZoneOffset.UTC)));
		}
		if (want.test("comment")) {
			ObjectNode comment = fields.putObject("comment");
			ArrayNode list = comment.putArray("comments");
			issue.comments.forEach(list::add);
			comment.put("total", issue.comments.size()).put("maxResults", issue.comments.size()).put("startAt", 0);
		}
		if (want.test("attachment")) {
			ArrayNode list = fields.putArray("attachment");
			issue.attachments.forEach(list::add);
		}
		if (want.test(CUSTOMER_FIELD)) {
			fields.set(CUSTOMER_FIELD, issue.fields.path(CUSTOMER_FIELD).isMissingNode() ? JSON.nullNode()
					: issue.fields.path(CUSTOMER_FIELD));
		}
		if (propertyList != null) {
			ObjectNode properties = node.putObject("properties");
			for (String key : propertyList.split(",")) {
				if (issue.properties.has(key)) {
					properties.set(key, issue.properties.path(key));
				}
			}
		}
		return node;
	}

	// --- Webhooks ---

	private void webhook(String event, Issue issue, String userAccount, ObjectNode changelog, ObjectNode comment) {
		URI target = webhookTarget;
		if (target == null || !webhooksEnabled) {
			return;
		}
		String body;
		synchronized (this) {
			body = JSON.writeValueAsString(event(event, issue, userAccount, changelog, comment));
		}
		String identifier = UUID.randomUUID().toString();
		if (ThreadLocalRandom.current().nextDouble() < dropWebhooks) {
			webhooksSent.add("dropped " + event + " " + issue.key);
			return;
		}
		webhooksSent.add(event + " " + issue.key);
		int copies = duplicateWebhooks ? 2 : 1;
		for (int i = 0; i < copies; i++) {
			int retry = i;
			webhookSender.execute(() -> post(target, body, identifier, retry));
		}
	}

	private void post(URI target, String body, String identifier, int retry) {
		try {
			HttpRequest.Builder request = HttpRequest.newBuilder(target)
				.timeout(Duration.ofSeconds(10))
				.header("Content-Type", "application/json")
				.header("X-Hub-Signature", sign(webhookSecret, body))
				.header("X-Atlassian-Webhook-Identifier", identifier)
				.header("X-Atlassian-Webhook-Flow", "Primary")
				.POST(HttpRequest.BodyPublishers.ofString(body));
			if (retry > 0) {
				request.header("X-Atlassian-Webhook-Retry", String.valueOf(retry));
			}
			HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() >= 500 || response.statusCode() == 429) {
				// Jira's retry policy: deliver again later.
				sleep(Duration.ofMillis(200));
				post(target, body, identifier, retry + 1);
			}
		}
		catch (IOException ex) {
			// The service is not listening (stopped): Jira would retry; tests do not need it.
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private ObjectNode event(String event, Issue issue, String userAccount, ObjectNode changelog, ObjectNode comment) {
		ObjectNode node = JSON.createObjectNode();
		node.put("timestamp", System.currentTimeMillis());
		node.put("webhookEvent", event);
		if (event.startsWith("jira:")) {
			node.put("issue_event_type_name", comment != null ? "issue_commented"
					: event.equals("jira:issue_created") ? "issue_created" : event.equals("jira:issue_deleted")
							? "issue_deleted" : "issue_generic");
		}
		node.set("user", user(userAccount));
		node.set("issue", render(issue, null, null));
		if (changelog != null) {
			node.set("changelog", changelog.put("id", String.valueOf(ids.incrementAndGet())));
		}
		if (comment != null) {
			node.set("comment", comment);
		}
		return node;
	}

	private static ObjectNode changelog(String field, String from, String to) {
		ObjectNode log = JSON.createObjectNode();
		log.putArray("items").add(item(field, from, to));
		return log;
	}

	private static ObjectNode item(String field, String from, String to) {
		return JSON.createObjectNode().put("field", field).put("fieldtype", "jira").put("fieldId", field.toLowerCase(Locale.ROOT))
			.put("fromString", from).put("toString", to);
	}

	// --- Plumbing ---

	private static Answer ok(JsonNode body) {
		return new Answer(200, JSON.writeValueAsString(body));
	}

	private static String error(String message) {
		ObjectNode node = JSON.createObjectNode();
		node.putArray("errorMessages").add(message);
		node.putObject("errors");
		return JSON.writeValueAsString(node);
	}

	private static JsonNode tryJson(byte[] body) {
		try {
			return JSON.readTree(body);
		}
		catch (RuntimeException notJson) {
			return JSON.createObjectNode();
		}
	}

	private static Map<String, String> params(String query) {
		Map<String, String> params = new LinkedHashMap<>();
		if (query == null || query.isEmpty()) {
			return params;
		}
		for (String pair : query.split("&")) {
			int eq = pair.indexOf('=');
			String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
			String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
			params.put(name, value);
		}
		return params;
	}

	private static void respond(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
		if (status == 204 || bytes.length == 0) {
			exchange.sendResponseHeaders(status == 200 ? 204 : status, -1);
			return;
		}
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private static String now() {
		return JIRA_TIME.format(Instant.now().atOffset(ZoneOffset.UTC));
	}

	private static void sleep(Duration duration) {
		try {
			TimeUnit.MILLISECONDS.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	static List<String> unmodifiable(List<String> list) {
		return Collections.unmodifiableList(list);
	}

	static InputStream nothing() {
		return InputStream.nullInputStream();
	}

}
