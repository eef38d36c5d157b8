package io.bugbridge.fix.github;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads GitHub's JSON. Own mapper, not the application's: the service's mapper is configured for
 * its own API (snake case on records) and must not change how GitHub's shapes are read.
 */
final class GitHubJson {

	static final JsonMapper MAPPER = JsonMapper.builder().build();

	/** Check-run and check-suite conclusions that fail a commit (GitHub docs: check runs). */
	static final Set<String> FAILING = Set.of("failure", "timed_out", "cancelled", "action_required",
			"startup_failure", "stale");

	private GitHubJson() {
	}

	static PullRequest pullRequest(JsonNode json) {
		Instant mergedAt = instant(json.path("merged_at"));
		return new PullRequest(json.path("number").asInt(), json.path("html_url").asString(null),
				json.path("state").asString("open"),
				// The list operation omits "merged"; merged_at says the same.
				json.has("merged") ? json.path("merged").asBoolean(false) : mergedAt != null,
				json.path("draft").asBoolean(false), json.path("head").path("ref").asString(null),
				json.path("head").path("sha").asString(null), mergedAt, instant(json.path("closed_at")));
	}

	static RepositoryInfo repository(JsonNode json) {
		JsonNode push = json.path("permissions").path("push");
		return new RepositoryInfo(json.path("full_name").asString(null), json.path("default_branch").asString(null),
				json.path("html_url").asString(null), push.isBoolean() ? push.asBoolean() : null);
	}

	/**
	 * @param status combined commit status ({@code repos/get-combined-status-for-ref})
	 * @param checkRuns check runs of the commit, null when the token may not read them
	 */
	static CheckState checks(JsonNode status, JsonNode checkRuns) {
		List<CheckState.FailedCheck> failures = new ArrayList<>();
		boolean pending = false;
		int reported = 0;
		for (JsonNode entry : status.path("statuses")) {
			reported++;
			String state = entry.path("state").asString("pending");
			if (state.equals("failure") || state.equals("error")) {
				failures.add(new CheckState.FailedCheck(entry.path("context").asString("status"),
						entry.path("target_url").asString(null), entry.path("description").asString("")));
			}
			else if (!state.equals("success")) {
				pending = true;
			}
		}
		if (checkRuns != null) {
			for (JsonNode run : checkRuns.path("check_runs")) {
				reported++;
				if (!"completed".equals(run.path("status").asString(""))) {
					pending = true;
					continue;
				}
				String conclusion = run.path("conclusion").asString("").toLowerCase(Locale.ROOT);
				if (FAILING.contains(conclusion)) {
					failures.add(new CheckState.FailedCheck(run.path("name").asString("check run"),
							run.path("details_url").asString(run.path("html_url").asString(null)),
							output(run.path("output"), conclusion)));
				}
			}
		}
		if (!failures.isEmpty()) {
			return new CheckState(CheckState.Status.FAILURE, failures);
		}
		// Nothing reported yet usually means CI has not picked the commit up: keep waiting.
		return new CheckState(pending || reported == 0 ? CheckState.Status.PENDING : CheckState.Status.SUCCESS,
				List.of());
	}

	/** Title and summary of a check run's output, shortened. */
	static String output(JsonNode output, String conclusion) {
		String title = output.path("title").asString("");
		String summary = output.path("summary").asString("");
		String text = (title + (title.isEmpty() || summary.isEmpty() ? "" : " — ") + summary).strip();
		return CheckState.truncate(text.isEmpty() ? conclusion : text, 1500);
	}

	static Instant instant(JsonNode node) {
		String text = node.asString(null);
		return text == null || text.isBlank() ? null : Instant.parse(text);
	}

}
