package io.bugbridge.fix.github;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

/**
 * Maps a webhook payload (GitHub docs "Webhook events and payloads") to the application event the
 * fix module listens to, or to nothing when the delivery is of no interest.
 */
final class WebhookTranslator {

	/** Event types this endpoint understands; other types are answered 202 and dropped. */
	static final List<String> EVENTS = List.of("pull_request", "check_suite", "check_run", "status", "ping");

	private WebhookTranslator() {
	}

	static Optional<Object> translate(String event, JsonNode payload, Instant now) {
		String repository = payload.path("repository").path("full_name").asString(null);
		return switch (event) {
			case "pull_request" -> pullRequest(payload, repository, now);
			case "check_suite" -> checkSuite(payload, repository);
			case "check_run" -> checkRun(payload, repository);
			case "status" -> status(payload, repository);
			default -> Optional.empty();
		};
	}

	private static Optional<Object> pullRequest(JsonNode payload, String repository, Instant now) {
		JsonNode pr = payload.path("pull_request");
		int number = payload.path("number").asInt(pr.path("number").asInt());
		String headRef = pr.path("head").path("ref").asString(null);
		String url = pr.path("html_url").asString(null);
		return switch (payload.path("action").asString("")) {
			case "closed" -> {
				Instant at = first(GitHubJson.instant(pr.path("merged_at")), GitHubJson.instant(pr.path("closed_at")), now);
				yield Optional.of(new PullRequestClosed(repository, number, headRef, pr.path("merged").asBoolean(false),
						url, at));
			}
			case "reopened" -> Optional.of(new PullRequestReopened(repository, number, headRef, url, now));
			// opened, synchronize, ready_for_review, edited...: the service made or saw those itself.
			default -> Optional.empty();
		};
	}

	private static Optional<Object> checkSuite(JsonNode payload, String repository) {
		JsonNode suite = payload.path("check_suite");
		if (!"completed".equals(payload.path("action").asString(""))) {
			return Optional.empty();
		}
		String conclusion = suite.path("conclusion").asString("").toLowerCase(Locale.ROOT);
		boolean failed = GitHubJson.FAILING.contains(conclusion);
		String app = suite.path("app").path("name").asString("check suite");
		return Optional.of(new ChecksCompleted(repository, suite.path("head_branch").asString(null),
				suite.path("head_sha").asString(null), !failed, failed ? app + " concluded " + conclusion : ""));
	}

	/** Only failures: one passing run says nothing about the others, the suite's completion does. */
	private static Optional<Object> checkRun(JsonNode payload, String repository) {
		JsonNode run = payload.path("check_run");
		String conclusion = run.path("conclusion").asString("").toLowerCase(Locale.ROOT);
		if (!"completed".equals(payload.path("action").asString("")) || !GitHubJson.FAILING.contains(conclusion)) {
			return Optional.empty();
		}
		String name = run.path("name").asString("check run");
		String url = run.path("details_url").asString(run.path("html_url").asString(null));
		String summary = "- " + name + (url == null ? "" : " (" + url + ")") + ": "
				+ GitHubJson.output(run.path("output"), conclusion);
		return Optional.of(new ChecksCompleted(repository, run.path("check_suite").path("head_branch").asString(null),
				run.path("head_sha").asString(null), false, CheckState.truncate(summary, CheckState.SUMMARY_LIMIT)));
	}

	private static Optional<Object> status(JsonNode payload, String repository) {
		String state = payload.path("state").asString("");
		if (!List.of("success", "failure", "error").contains(state)) {
			return Optional.empty();
		}
		JsonNode branches = payload.path("branches");
		String branch = branches.isArray() && !branches.isEmpty() ? branches.get(0).path("name").asString(null) : null;
		boolean success = state.equals("success");
		String url = payload.path("target_url").asString(null);
		String summary = success ? ""
				: "- " + payload.path("context").asString("status") + (url == null ? "" : " (" + url + ")") + ": "
						+ payload.path("description").asString(state);
		return Optional.of(new ChecksCompleted(repository, branch, payload.path("sha").asString(null), success,
				CheckState.truncate(summary, CheckState.SUMMARY_LIMIT)));
	}

	private static Instant first(Instant... candidates) {
		for (Instant candidate : candidates) {
			if (candidate != null) {
				return candidate;
			}
		}
		return null;
	}

}
