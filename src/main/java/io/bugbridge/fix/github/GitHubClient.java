package io.bugbridge.fix.github;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * GitHub REST (API version 2022-11-28) for one repository: the pull requests of Auto-Fix, their
 * checks and comments. Every failure is a {@link GitHubException}; the token is added to each
 * request by an interceptor and appears in no message.
 */
public final class GitHubClient {

	static final String API_VERSION = "2022-11-28";

	static final String USER_AGENT = "BugBridge-AutoFix";

	private final RestClient rest;

	private final GitHubProperties properties;

	private final Clock clock;

	public GitHubClient(GitHubProperties properties, RestClient.Builder builder) {
		this(properties, builder, Clock.systemUTC());
	}

	GitHubClient(GitHubProperties properties, RestClient.Builder builder, Clock clock) {
		this.properties = properties;
		this.clock = clock;
		HttpClient http = HttpClient.newBuilder()
			.connectTimeout(properties.connectTimeout())
			.version(HttpClient.Version.HTTP_1_1)
			.build();
		JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http);
		factory.setReadTimeout(properties.readTimeout());
		String token = properties.token();
		this.rest = builder.clone()
			.baseUrl(properties.apiUrl())
			.requestFactory(factory)
			.defaultHeader(HttpHeaders.ACCEPT, "application/vnd.github+json")
			.defaultHeader("X-GitHub-Api-Version", API_VERSION)
			.defaultHeader(HttpHeaders.USER_AGENT, USER_AGENT)
			.requestInterceptor((request, body, execution) -> {
				if (token != null) {
					request.getHeaders().setBearerAuth(token);
				}
				return execution.execute(request, body);
			})
			.build();
	}

	/** The open pull request whose head is {@code owner:headBranch}, if any (pulls/list). */
	public Optional<PullRequest> findOpenPullRequest(String headBranch) {
		JsonNode list = call("the pull request list", HttpMethod.GET,
				"/repos/{owner}/{repo}/pulls?head={head}&state=open&per_page=10", null, owner(), repo(),
				owner() + ":" + headBranch);
		for (JsonNode pull : list) {
			PullRequest pr = GitHubJson.pullRequest(pull);
			if (headBranch.equals(pr.headRef())) {
				return Optional.of(pr);
			}
		}
		return Optional.empty();
	}

	/** pulls/create as a draft; the service never lets maintainers push to its branches by accident. */
	public PullRequest createDraftPullRequest(String title, String body, String head, String base) {
		Map<String, Object> request = new LinkedHashMap<>();
		request.put("title", title);
		request.put("head", head);
		request.put("base", base);
		request.put("body", body == null ? "" : body);
		request.put("draft", true);
		request.put("maintainer_can_modify", false);
		return GitHubJson.pullRequest(call("the pull request", HttpMethod.POST, "/repos/{owner}/{repo}/pulls",
				request, owner(), repo()));
	}

	/** pulls/update of title and body; null leaves a field as it is. */
	public PullRequest updatePullRequest(int number, String title, String body) {
		Map<String, Object> request = new LinkedHashMap<>();
		if (title != null) {
			request.put("title", title);
		}
		if (body != null) {
			request.put("body", body);
		}
		return GitHubJson.pullRequest(call("the update of pull request #" + number, HttpMethod.PATCH,
				"/repos/{owner}/{repo}/pulls/{number}", request, owner(), repo(), number));
	}

	public PullRequest getPullRequest(int number) {
		return GitHubJson.pullRequest(call("pull request #" + number, HttpMethod.GET,
				"/repos/{owner}/{repo}/pulls/{number}", null, owner(), repo(), number));
	}

	/**
	 * Commit statuses and check runs of a commit together. Check runs are skipped when the token
	 * may not read them (403/404: fine-grained tokens without "Checks"), statuses still count.
	 */
	public CheckState combinedChecks(String sha) {
		JsonNode status = call("the commit status of " + sha, HttpMethod.GET,
				"/repos/{owner}/{repo}/commits/{ref}/status?per_page=100", null, owner(), repo(), sha);
		JsonNode runs;
		try {
			runs = call("the check runs of " + sha, HttpMethod.GET,
					"/repos/{owner}/{repo}/commits/{ref}/check-runs?filter=latest&per_page=100", null, owner(), repo(),
					sha);
		}
		catch (GitHubException ex) {
			if (ex.retryable() || (ex.status() != 403 && ex.status() != 404)) {
				throw ex;
			}
			runs = null;
		}
		return GitHubJson.checks(status, runs);
	}

	/** issues/create-comment (pull requests are issues for comments). */
	public void comment(int prNumber, String body) {
		call("the comment on pull request #" + prNumber, HttpMethod.POST,
				"/repos/{owner}/{repo}/issues/{number}/comments", Map.of("body", body), owner(), repo(), prNumber);
	}

	/** repos/get: does the token see the repository, and may it push. */
	public RepositoryInfo repository() {
		return GitHubJson.repository(call("the repository " + properties.owner() + "/" + properties.repo(),
				HttpMethod.GET, "/repos/{owner}/{repo}", null, owner(), repo()));
	}

	@Override
	public String toString() {
		return "GitHubClient[" + properties.apiUrl() + " " + properties.owner() + "/" + properties.repo() + "]";
	}

	// --- Plumbing ---

	private JsonNode call(String what, HttpMethod method, String uri, Object body, Object... variables) {
		RestClient.RequestBodySpec request = rest.method(method).uri(uri, variables);
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).body(GitHubJson.MAPPER.writeValueAsString(body));
		}
		try {
			return request.exchange((req, response) -> {
				int status = response.getStatusCode().value();
				String text = readBody(response.getBody());
				if (status >= 200 && status < 300) {
					return text.isBlank() ? GitHubJson.MAPPER.createObjectNode() : GitHubJson.MAPPER.readTree(text);
				}
				throw GitHubErrors.from(what, status, response.getHeaders(), text, properties.token(), clock);
			});
		}
		catch (ResourceAccessException ex) {
			Throwable cause = ex.getCause() == null ? ex : ex.getCause();
			// Not ex.getMessage(): it repeats the URL; the cause's class says enough (timeout, refused).
			throw new GitHubException("GitHub could not be reached for " + what + " ("
					+ cause.getClass().getSimpleName() + "); retry later", 0, true, null);
		}
	}

	private static String readBody(java.io.InputStream body) throws IOException {
		return body == null ? "" : new String(body.readAllBytes(), StandardCharsets.UTF_8);
	}

	private String owner() {
		return require(properties.owner(), "GITHUB_REPO_OWNER");
	}

	private String repo() {
		return require(properties.repo(), "GITHUB_REPO_NAME");
	}

	private static String require(String value, String variable) {
		if (value == null) {
			throw new GitHubException("GitHub is not configured: set " + variable, 0, false, null);
		}
		return value;
	}

}
