package io.bugbridge.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.bugbridge.fix.github.GitHubWebhookSignature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static io.bugbridge.support.GitHubSimulatorHttp.error;
import static io.bugbridge.support.GitHubSimulatorHttp.respond;

/**
 * A stateful stand-in for one GitHub repository's REST API on the JDK HTTP server: pull requests
 * (create, list by head, get, update; 422 on a second open one for the same head), comments, commit
 * statuses and check runs set by the test, and fault injection. Every request is checked against
 * the GitHub description ({@link GitHubSpec}) and for the headers GitHub expects; a mismatch is
 * answered 400 and kept in {@link #violations()}, which tests assert empty. {@link #merge(int)},
 * {@link #close(int)} and friends return the signed webhook delivery GitHub would send.
 */
public final class GitHubSimulator implements AutoCloseable {

	public static final String TOKEN = "test-github-token-0123456789";

	public static final String WEBHOOK_SECRET = "It's a Secret to Everybody";

	/** One request as received. */
	public record Recorded(String method, String path, Map<String, String> query, Map<String, String> headers,
			String body) {

		public JsonNode json() {
			return GitHubPayloads.JSON.readTree(body);
		}

	}

	/** A webhook delivery: POST {@code body} with {@code headers} to the service. */
	public record Delivery(String event, String body, Map<String, String> headers) {

		public String id() {
			return headers.get("X-GitHub-Delivery");
		}

	}

	private record Fault(int status, String message, Map<String, String> headers) {
	}

	private static final Pattern REPO = Pattern.compile("/repos/([^/]+)/([^/]+)(/.*)?");

	private final HttpServer server;

	private final String owner = "acme";

	private final String repo = "aura";

	private final String defaultBranch = "main";

	private final Map<Integer, SimulatedPullRequest> pulls = new LinkedHashMap<>();

	private final Map<Integer, List<String>> comments = new LinkedHashMap<>();

	private final Map<String, List<ObjectNode>> statuses = new LinkedHashMap<>();

	private final Map<String, List<ObjectNode>> checkRuns = new LinkedHashMap<>();

	private final Deque<Fault> faults = new ArrayDeque<>();

	private final List<Recorded> requests = new CopyOnWriteArrayList<>();

	private final List<String> violations = new CopyOnWriteArrayList<>();

	private int nextNumber = 1;

	public GitHubSimulator() {
		GitHubSpec.validator();
		try {
			server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		server.setExecutor(Executors.newFixedThreadPool(8));
		server.createContext("/", this::handle);
		server.start();
	}

	public String url() {
		return "http://127.0.0.1:" + server.getAddress().getPort();
	}

	public String owner() {
		return owner;
	}

	public String repo() {
		return repo;
	}

	public String fullName() {
		return owner + "/" + repo;
	}

	public String defaultBranch() {
		return defaultBranch;
	}

	String htmlUrl() {
		return "https://github.com/" + fullName();
	}

	/** The next request (any) is answered with this status, GitHub-style error body and headers. */
	public synchronized void failNext(int status, String message, Map<String, String> headers) {
		faults.add(new Fault(status, message, headers == null ? Map.of() : Map.copyOf(headers)));
	}

	public List<Recorded> requests() {
		return List.copyOf(requests);
	}

	public List<String> violations() {
		return List.copyOf(violations);
	}

	public synchronized List<SimulatedPullRequest> pullRequests() {
		return List.copyOf(pulls.values());
	}

	public synchronized List<String> comments(int number) {
		return List.copyOf(comments.getOrDefault(number, List.of()));
	}

	/** Merges an open pull request and returns the {@code pull_request} "closed" delivery. */
	public synchronized Delivery merge(int number) {
		SimulatedPullRequest pull = pull(number);
		pull.merged = true;
		pull.mergedAt = now();
		return closed(pull);
	}

	/** Closes a pull request unmerged and returns the {@code pull_request} "closed" delivery. */
	public synchronized Delivery close(int number) {
		return closed(pull(number));
	}

	/** Sets a commit status (state success|failure|error|pending) and returns its {@code status} delivery. */
	public synchronized Delivery setStatus(String sha, String branch, String context, String state, String description) {
		ObjectNode status = GitHubPayloads.JSON.createObjectNode();
		status.put("context", context);
		status.put("state", state);
		status.put("description", description);
		status.put("target_url", htmlUrl() + "/actions/runs/" + Math.abs(context.hashCode()));
		statuses.computeIfAbsent(sha, s -> new ArrayList<>()).removeIf(s -> s.path("context").asString().equals(context));
		statuses.get(sha).add(status);
		return signedDelivery("status", GitHubPayloads.statusEvent(this, sha, branch, status), WEBHOOK_SECRET);
	}

	/** Adds a completed check run (conclusion success|failure|...) and returns its {@code check_run} delivery. */
	public synchronized Delivery addCheckRun(String sha, String branch, String name, String conclusion, String title,
			String summary) {
		ObjectNode run = GitHubPayloads.JSON.createObjectNode();
		run.put("id", ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE));
		run.put("name", name);
		run.put("head_sha", sha);
		run.put("status", "completed");
		run.put("conclusion", conclusion);
		run.put("details_url", htmlUrl() + "/actions/runs/" + Math.abs(name.hashCode()));
		run.putObject("output").put("title", title).put("summary", summary);
		checkRuns.computeIfAbsent(sha, s -> new ArrayList<>()).add(run);
		return signedDelivery("check_run", GitHubPayloads.checkRunEvent(this, branch, run), WEBHOOK_SECRET);
	}

	/** The {@code check_suite} "completed" delivery for a commit. */
	public Delivery checkSuiteCompleted(String sha, String branch, String conclusion) {
		return signedDelivery("check_suite", GitHubPayloads.checkSuiteEvent(this, sha, branch, conclusion), WEBHOOK_SECRET);
	}

	/** A delivery as GitHub sends it: a fresh delivery GUID and the body's HMAC-SHA256 signature. */
	public static Delivery signedDelivery(String event, String body, String secret) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Content-Type", "application/json");
		headers.put("User-Agent", "GitHub-Hookshot/simulator");
		headers.put("X-GitHub-Event", event);
		headers.put("X-GitHub-Delivery", UUID.randomUUID().toString());
		headers.put("X-GitHub-Hook-ID", "4242");
		headers.put(GitHubWebhookSignature.HEADER,
				GitHubWebhookSignature.sign(secret, body.getBytes(StandardCharsets.UTF_8)));
		return new Delivery(event, body, Map.copyOf(headers));
	}

	@Override
	public void close() {
		server.stop(0);
		((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
	}

	// --- HTTP ---

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			String method = exchange.getRequestMethod();
			String path = exchange.getRequestURI().getRawPath();
			Map<String, String> query = GitHubSimulatorHttp.params(exchange.getRequestURI().getRawQuery());
			Map<String, String> headers = new LinkedHashMap<>();
			exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
			requests.add(new Recorded(method, path, query, headers, body));
			List<String> problems = GitHubSimulatorHttp.validate(exchange, method, path, query, body);
			if (!problems.isEmpty()) {
				violations.add(method + " " + path + " " + query + " -> " + problems);
				respond(exchange, 400, error("Problems parsing JSON", List.of()), Map.of());
				return;
			}
			if (!("Bearer " + TOKEN).equals(headers.get("authorization"))) {
				respond(exchange, 401, error("Bad credentials", List.of()), Map.of());
				return;
			}
			Fault fault;
			GitHubRoutes.Answer answer;
			synchronized (this) {
				fault = faults.poll();
				answer = fault == null ? GitHubRoutes.route(this, method, path, query, body) : null;
			}
			if (fault != null) {
				respond(exchange, fault.status(), error(fault.message(), List.of()), fault.headers());
				return;
			}
			respond(exchange, answer.status(), answer.body(), Map.of());
		}
		catch (RuntimeException ex) {
			violations.add("simulator error: " + ex);
			respond(exchange, 500, error(ex.toString(), List.of()), Map.of());
		}
	}

	// --- State, used by GitHubRoutes under this simulator's lock ---

	SimulatedPullRequest pull(int number) {
		SimulatedPullRequest pull = pulls.get(number);
		if (pull == null) {
			throw new IllegalArgumentException("no pull request #" + number);
		}
		return pull;
	}

	Map<Integer, SimulatedPullRequest> pulls() {
		return pulls;
	}

	SimulatedPullRequest open(String head, String base) {
		String sha = HexFormat.of().formatHex(randomBytes(20));
		SimulatedPullRequest pull = new SimulatedPullRequest(nextNumber++, head, base, sha);
		pulls.put(pull.number, pull);
		return pull;
	}

	void addComment(int number, String body) {
		comments.computeIfAbsent(number, n -> new ArrayList<>()).add(body);
	}

	List<ObjectNode> statuses(String sha) {
		return statuses.getOrDefault(sha, List.of());
	}

	List<ObjectNode> checkRuns(String sha) {
		return checkRuns.getOrDefault(sha, List.of());
	}

	private Delivery closed(SimulatedPullRequest pull) {
		pull.state = "closed";
		pull.closedAt = now();
		return signedDelivery("pull_request", GitHubPayloads.pullRequestEvent("closed", pull, this), WEBHOOK_SECRET);
	}

	static Instant now() {
		return Instant.now().truncatedTo(ChronoUnit.SECONDS);
	}

	private static byte[] randomBytes(int n) {
		byte[] bytes = new byte[n];
		ThreadLocalRandom.current().nextBytes(bytes);
		return bytes;
	}

	static Matcher match(String path) {
		return REPO.matcher(path);
	}

}
