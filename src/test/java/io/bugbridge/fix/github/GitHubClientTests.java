package io.bugbridge.fix.github;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.bugbridge.support.GitHubSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The client against the GitHub simulator: request shapes (validated by the simulator), errors, rate limits. */
class GitHubClientTests {

	private static final GitHubSimulator GITHUB = new GitHubSimulator();

	private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L);

	private final GitHubClient client = client(GitHubSimulator.TOKEN, GITHUB.url());

	private final List<GitHubException> seen = new ArrayList<>();

	@AfterEach
	void everyRequestMatchedTheDescriptionAndNoMessageLeakedTheToken() {
		assertThat(GITHUB.violations()).isEmpty();
		assertThat(seen).allSatisfy(ex -> assertThat(ex.getMessage()).doesNotContain(GitHubSimulator.TOKEN)
			.doesNotContain("ghp_"));
	}

	@AfterAll
	static void stop() {
		GITHUB.close();
	}

	@Test
	void opensADraftPullRequestWithHeadAndBase() {
		PullRequest pr = client.createDraftPullRequest("Fix AURA-1: crash on save", "Closes AURA-1", "bugbridge/AURA-1-draft",
				"main");

		GitHubSimulator.Recorded request = last("POST");
		JsonNode body = request.json();
		assertThat(body.path("draft").asBoolean()).isTrue();
		assertThat(body.path("head").asString()).isEqualTo("bugbridge/AURA-1-draft");
		assertThat(body.path("base").asString()).isEqualTo("main");
		assertThat(body.path("maintainer_can_modify").isBoolean()).isTrue();
		assertThat(body.path("maintainer_can_modify").asBoolean()).isFalse();
		assertThat(request.path()).isEqualTo("/repos/acme/aura/pulls");
		assertThat(request.headers()).containsEntry("authorization", "Bearer " + GitHubSimulator.TOKEN)
			.containsEntry("accept", "application/vnd.github+json")
			.containsEntry("x-github-api-version", "2022-11-28")
			.containsKey("user-agent");
		assertThat(pr.draft()).isTrue();
		assertThat(pr.open()).isTrue();
		assertThat(pr.headRef()).isEqualTo("bugbridge/AURA-1-draft");
		assertThat(pr.headSha()).hasSize(40);
		assertThat(pr.htmlUrl()).isEqualTo("https://github.com/acme/aura/pull/" + pr.number());
	}

	@Test
	void findsTheOpenPullRequestOfABranchOnly() {
		PullRequest pr = client.createDraftPullRequest("Fix AURA-2", "body", "bugbridge/AURA-2-find", "main");

		assertThat(client.findOpenPullRequest("bugbridge/AURA-2-find")).contains(pr);
		assertThat(last("GET").query()).containsEntry("head", "acme:bugbridge/AURA-2-find").containsEntry("state", "open");
		assertThat(client.findOpenPullRequest("bugbridge/AURA-2-other")).isEmpty();

		GITHUB.close(pr.number());
		assertThat(client.findOpenPullRequest("bugbridge/AURA-2-find")).isEmpty();
	}

	@Test
	void readsUpdatesAndCommentsAPullRequest() {
		PullRequest pr = client.createDraftPullRequest("Fix AURA-3", "first", "bugbridge/AURA-3-update", "main");

		PullRequest updated = client.updatePullRequest(pr.number(), "Fix AURA-3 (take 2)", "second");
		client.comment(pr.number(), "Checks failed: tests");
		GITHUB.merge(pr.number());
		PullRequest merged = client.getPullRequest(pr.number());

		assertThat(last("PATCH").json().properties()).extracting(Map.Entry::getKey).containsExactly("title", "body");
		assertThat(updated.number()).isEqualTo(pr.number());
		assertThat(GITHUB.pullRequests()).filteredOn(p -> p.number() == pr.number())
			.singleElement()
			.satisfies(p -> assertThat(p.title()).isEqualTo("Fix AURA-3 (take 2)"));
		assertThat(GITHUB.comments(pr.number())).containsExactly("Checks failed: tests");
		assertThat(merged.merged()).isTrue();
		assertThat(merged.state()).isEqualTo("closed");
		assertThat(merged.mergedAt()).isNotNull();
		assertThat(merged.closedAt()).isNotNull();
	}

	@Test
	void describesTheRepository() {
		RepositoryInfo repository = client.repository();

		assertThat(repository).isEqualTo(new RepositoryInfo("acme/aura", "main", "https://github.com/acme/aura", true));
	}

	@Test
	void combinesCommitStatusesAndCheckRuns() {
		String sha = "a".repeat(40);
		assertThat(client.combinedChecks(sha).status()).isEqualTo(CheckState.Status.PENDING);

		GITHUB.setStatus(sha, "bugbridge/AURA-4", "ci/lint", "success", "Lint passed");
		GITHUB.addCheckRun(sha, "bugbridge/AURA-4", "build", "success", "Build", "ok");
		assertThat(client.combinedChecks(sha).status()).isEqualTo(CheckState.Status.SUCCESS);

		GITHUB.addCheckRun(sha, "bugbridge/AURA-4", "tests", "failure", "2 tests failed", "FooTest.bar expected 1 but was 2");
		CheckState failed = client.combinedChecks(sha);
		assertThat(failed.status()).isEqualTo(CheckState.Status.FAILURE);
		assertThat(failed.failures()).extracting(CheckState.FailedCheck::name).containsExactly("tests");
		assertThat(failed.failureSummary()).contains("tests").contains("FooTest.bar expected 1 but was 2")
			.contains("https://github.com/acme/aura/actions/runs/");
	}

	@Test
	void aDuplicatePullRequestIsRefusedForGood() {
		client.createDraftPullRequest("Fix AURA-5", "body", "bugbridge/AURA-5-dup", "main");

		GitHubException ex = thrown(() -> client.createDraftPullRequest("Fix AURA-5", "body", "bugbridge/AURA-5-dup", "main"));

		assertThat(ex.status()).isEqualTo(422);
		assertThat(ex.retryable()).isFalse();
		assertThat(ex.getMessage())
			.isEqualTo("GitHub refused the pull request (422): A pull request already exists for acme:bugbridge/AURA-5-dup.");
	}

	@Test
	void thePrimaryRateLimitWaitsUntilTheReset() {
		GITHUB.failNext(403, "API rate limit exceeded for user ID 1.", Map.of("x-ratelimit-remaining", "0",
				"x-ratelimit-reset", String.valueOf(NOW.getEpochSecond() + 120), "x-ratelimit-resource", "core"));

		GitHubException ex = thrown(() -> client.getPullRequest(1));

		assertThat(ex.status()).isEqualTo(403);
		assertThat(ex.retryable()).isTrue();
		assertThat(ex.retryAfter()).isEqualTo(Duration.ofSeconds(120));
		assertThat(ex.getMessage()).startsWith("GitHub rate limit reached for pull request #1 (403)");
	}

	@Test
	void secondaryLimitsHonourRetryAfterOrWaitAMinute() {
		GITHUB.failNext(403, "You have exceeded a secondary rate limit.", Map.of("retry-after", "30"));
		GitHubException withHint = thrown(() -> client.comment(1, "hello"));
		GITHUB.failNext(429, "You have exceeded a secondary rate limit.", Map.of());
		GitHubException withoutHint = thrown(() -> client.comment(1, "hello"));

		assertThat(withHint.retryable()).isTrue();
		assertThat(withHint.retryAfter()).isEqualTo(Duration.ofSeconds(30));
		assertThat(withoutHint.retryable()).isTrue();
		assertThat(withoutHint.retryAfter()).isEqualTo(Duration.ofMinutes(1));
	}

	@Test
	void serverErrorsAreRetryablePermissionErrorsAreNot() {
		GITHUB.failNext(502, "Server Error", Map.of());
		GitHubException bad = thrown(() -> client.repository());
		GITHUB.failNext(403, "Resource not accessible by personal access token", Map.of());
		GitHubException forbidden = thrown(() -> client.repository());

		assertThat(bad.status()).isEqualTo(502);
		assertThat(bad.retryable()).isTrue();
		assertThat(bad.getMessage()).isEqualTo("GitHub failed on the repository acme/aura (502): Server Error; retry later");
		assertThat(forbidden.retryable()).isFalse();
		assertThat(forbidden.getMessage()).contains("Resource not accessible by personal access token");
	}

	@Test
	void aWrongTokenAWrongRepositoryAndAnUnreachableGitHubSayWhatToCheck() {
		GitHubException unauthorized = thrown(() -> client("ghp_wrongToken", GITHUB.url()).repository());
		GitHubException missingPull = thrown(() -> client.getPullRequest(9999));
		GitHubException unreachable = thrown(() -> client(GitHubSimulator.TOKEN, "http://127.0.0.1:1").repository());

		assertThat(unauthorized.status()).isEqualTo(401);
		assertThat(unauthorized.retryable()).isFalse();
		assertThat(unauthorized.getMessage()).contains("Bad credentials").contains("GITHUB_TOKEN")
			.doesNotContain("ghp_wrongToken");
		assertThat(missingPull.notFound()).isTrue();
		assertThat(missingPull.retryable()).isFalse();
		assertThat(unreachable.status()).isZero();
		assertThat(unreachable.retryable()).isTrue();
	}

	@Test
	void aTokenEchoedByGitHubIsBlankedOut() {
		GITHUB.failNext(422, "Invalid token " + GitHubSimulator.TOKEN, Map.of());

		GitHubException ex = thrown(() -> client.comment(1, "hi"));

		assertThat(ex.getMessage()).contains("Invalid token ***");
		assertThat(client.toString()).doesNotContain(GitHubSimulator.TOKEN);
		assertThat(new GitHubProperties(GitHubSimulator.TOKEN, "acme", "aura", null, "s", null, null, null).toString())
			.doesNotContain(GitHubSimulator.TOKEN);
	}

	@Test
	void propertiesNameWhatIsMissing() {
		GitHubProperties none = new GitHubProperties(" ", null, "", null, null, null, null, null);

		assertThat(none.configured()).isFalse();
		assertThat(none.missing()).containsExactly("GITHUB_TOKEN", "GITHUB_REPO_OWNER", "GITHUB_REPO_NAME");
		assertThat(none.apiUrl()).isEqualTo("https://api.github.com");
		assertThat(new GitHubProperties("t", "o", "r", "https://ghe.example/api/v3/", null, null, null, null).apiUrl())
			.isEqualTo("https://ghe.example/api/v3");
	}

	private GitHubException thrown(Executable call) {
		GitHubException ex = assertThrows(GitHubException.class, call);
		seen.add(ex);
		return ex;
	}

	private static GitHubSimulator.Recorded last(String method) {
		List<GitHubSimulator.Recorded> requests = GITHUB.requests();
		for (int i = requests.size() - 1; i >= 0; i--) {
			if (requests.get(i).method().equals(method)) {
				return requests.get(i);
			}
		}
		throw new AssertionError("no " + method + " request");
	}

	private static GitHubClient client(String token, String url) {
		GitHubProperties properties = new GitHubProperties(token, GITHUB.owner(), GITHUB.repo(), url, null, null,
				Duration.ofSeconds(2), Duration.ofSeconds(5));
		return new GitHubClient(properties, RestClient.builder(), Clock.fixed(NOW, ZoneOffset.UTC));
	}

}
