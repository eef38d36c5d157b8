package io.bugbridge.support;

import java.time.Instant;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** JSON the simulator answers with and sends as webhooks, shaped like GitHub's (the fields BugBridge reads and a few more). */
final class GitHubPayloads {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private GitHubPayloads() {
	}

	static ObjectNode pull(SimulatedPullRequest pull, GitHubSimulator sim, boolean listed) {
		ObjectNode json = JSON.createObjectNode();
		json.put("id", 1000L + pull.number);
		json.put("number", pull.number);
		json.put("html_url", sim.htmlUrl() + "/pull/" + pull.number);
		json.put("url", sim.url() + "/repos/" + sim.fullName() + "/pulls/" + pull.number);
		json.put("state", pull.state);
		json.put("title", pull.title);
		json.put("body", pull.body);
		json.put("draft", pull.draft);
		if (!listed) {
			// pulls/list answers pull-request-simple, which has no "merged".
			json.put("merged", pull.merged);
			json.put("maintainer_can_modify", pull.maintainerCanModify);
		}
		time(json, "created_at", pull.createdAt);
		time(json, "merged_at", pull.mergedAt);
		time(json, "closed_at", pull.closedAt);
		ObjectNode head = json.putObject("head");
		head.put("ref", pull.head);
		head.put("sha", pull.headSha);
		head.put("label", sim.owner() + ":" + pull.head);
		json.putObject("base").put("ref", pull.base);
		json.putObject("user").put("login", "bugbridge-bot");
		return json;
	}

	static ObjectNode repository(GitHubSimulator sim) {
		ObjectNode json = JSON.createObjectNode();
		json.put("id", 4242);
		json.put("name", sim.repo());
		json.put("full_name", sim.fullName());
		json.put("html_url", sim.htmlUrl());
		json.put("default_branch", sim.defaultBranch());
		json.put("private", true);
		json.putObject("owner").put("login", sim.owner());
		ObjectNode permissions = json.putObject("permissions");
		permissions.put("admin", false);
		permissions.put("push", true);
		permissions.put("pull", true);
		return json;
	}

	/** A {@code pull_request} webhook payload. */
	static String pullRequestEvent(String action, SimulatedPullRequest pull, GitHubSimulator sim) {
		ObjectNode json = JSON.createObjectNode();
		json.put("action", action);
		json.put("number", pull.number);
		json.set("pull_request", pull(pull, sim, false));
		json.set("repository", repository(sim));
		json.putObject("sender").put("login", "octocat");
		return JSON.writeValueAsString(json);
	}

	static String statusEvent(GitHubSimulator sim, String sha, String branch, ObjectNode status) {
		ObjectNode json = status.deepCopy();
		json.put("sha", sha);
		json.put("name", sim.fullName());
		ObjectNode entry = json.putArray("branches").addObject();
		entry.put("name", branch);
		entry.putObject("commit").put("sha", sha);
		json.set("repository", repository(sim));
		return JSON.writeValueAsString(json);
	}

	static String checkRunEvent(GitHubSimulator sim, String branch, ObjectNode run) {
		ObjectNode json = JSON.createObjectNode();
		json.put("action", "completed");
		ObjectNode copy = run.deepCopy();
		ObjectNode suite = copy.putObject("check_suite");
		suite.put("head_branch", branch);
		suite.put("head_sha", run.path("head_sha").asString());
		json.set("check_run", copy);
		json.set("repository", repository(sim));
		return JSON.writeValueAsString(json);
	}

	static String checkSuiteEvent(GitHubSimulator sim, String sha, String branch, String conclusion) {
		ObjectNode json = JSON.createObjectNode();
		json.put("action", "completed");
		ObjectNode suite = json.putObject("check_suite");
		suite.put("status", "completed");
		suite.put("conclusion", conclusion);
		suite.put("head_branch", branch);
		suite.put("head_sha", sha);
		suite.putObject("app").put("name", "GitHub Actions");
		json.set("repository", repository(sim));
		return JSON.writeValueAsString(json);
	}

	private static void time(ObjectNode json, String field, Instant value) {
		if (value == null) {
			json.putNull(field);
		}
		else {
			json.put(field, value.toString());
		}
	}

}
