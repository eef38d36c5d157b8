package io.bugbridge.support;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The simulator's answers, called under its lock with a request already validated. */
final class GitHubRoutes {

	record Answer(int status, String body) {
	}

	private GitHubRoutes() {
	}

	static Answer route(GitHubSimulator sim, String method, String path, Map<String, String> query, String body) {
		Matcher repo = GitHubSimulator.match(path);
		if (!repo.matches() || !repo.group(1).equals(sim.owner()) || !repo.group(2).equals(sim.repo())) {
			return notFound();
		}
		String rest = repo.group(3) == null ? "" : repo.group(3);
		String[] parts = rest.split("/");
		if (rest.isEmpty() && method.equals("GET")) {
			return ok(200, GitHubPayloads.repository(sim));
		}
		if (rest.equals("/pulls") && method.equals("GET")) {
			return list(sim, query);
		}
		if (rest.equals("/pulls") && method.equals("POST")) {
			return create(sim, GitHubPayloads.JSON.readTree(body));
		}
		if (parts.length == 3 && parts[1].equals("pulls")) {
			SimulatedPullRequest pull = sim.pulls().get(Integer.parseInt(parts[2]));
			if (pull == null) {
				return notFound();
			}
			if (method.equals("PATCH")) {
				JsonNode json = GitHubPayloads.JSON.readTree(body);
				pull.title = json.path("title").asString(pull.title);
				pull.body = json.path("body").asString(pull.body);
			}
			return ok(200, GitHubPayloads.pull(pull, sim, false));
		}
		if (parts.length == 4 && parts[1].equals("issues") && parts[3].equals("comments") && method.equals("POST")) {
			int number = Integer.parseInt(parts[2]);
			if (!sim.pulls().containsKey(number)) {
				return notFound();
			}
			String text = GitHubPayloads.JSON.readTree(body).path("body").asString();
			sim.addComment(number, text);
			ObjectNode comment = GitHubPayloads.JSON.createObjectNode();
			comment.put("id", 9000 + sim.comments(number).size());
			comment.put("body", text);
			comment.put("html_url", sim.htmlUrl() + "/pull/" + number + "#issuecomment-1");
			return ok(201, comment);
		}
		if (parts.length == 4 && parts[1].equals("commits") && parts[3].equals("status")) {
			return combinedStatus(sim, parts[2]);
		}
		if (parts.length == 4 && parts[1].equals("commits") && parts[3].equals("check-runs")) {
			ObjectNode json = GitHubPayloads.JSON.createObjectNode();
			List<ObjectNode> runs = sim.checkRuns(parts[2]);
			json.put("total_count", runs.size());
			json.putArray("check_runs").addAll(runs);
			return ok(200, json);
		}
		return notFound();
	}

	private static Answer list(GitHubSimulator sim, Map<String, String> query) {
		String head = query.get("head");
		String state = query.getOrDefault("state", "open");
		ArrayNode array = GitHubPayloads.JSON.createArrayNode();
		for (SimulatedPullRequest pull : sim.pulls().values()) {
			boolean headMatches = head == null || head.equals(sim.owner() + ":" + pull.head);
			if (headMatches && (state.equals("all") || state.equals(pull.state))) {
				array.add(GitHubPayloads.pull(pull, sim, true));
			}
		}
		return new Answer(200, GitHubPayloads.JSON.writeValueAsString(array));
	}

	private static Answer create(GitHubSimulator sim, JsonNode json) {
		String head = json.path("head").asString();
		String branch = head.contains(":") ? head.substring(head.indexOf(':') + 1) : head;
		for (SimulatedPullRequest pull : sim.pulls().values()) {
			if (pull.state.equals("open") && pull.head.equals(branch)) {
				return new Answer(422, GitHubSimulatorHttp.error("Validation Failed",
						List.of("A pull request already exists for " + sim.owner() + ":" + branch + ".")));
			}
		}
		if (json.path("base").asString().equals(branch)) {
			return new Answer(422, GitHubSimulatorHttp.error("Validation Failed",
					List.of("No commits between " + branch + " and " + branch)));
		}
		SimulatedPullRequest pull = sim.open(branch, json.path("base").asString());
		pull.title = json.path("title").asString("");
		pull.body = json.path("body").asString("");
		pull.draft = json.path("draft").asBoolean(false);
		pull.maintainerCanModify = json.path("maintainer_can_modify").asBoolean(true);
		return ok(201, GitHubPayloads.pull(pull, sim, false));
	}

	/** Like GitHub: failure if any failed or errored, pending if any pending or none, else success. */
	private static Answer combinedStatus(GitHubSimulator sim, String sha) {
		List<ObjectNode> statuses = sim.statuses(sha);
		String state = statuses.isEmpty() ? "pending" : "success";
		for (ObjectNode status : statuses) {
			String s = status.path("state").asString();
			if (s.equals("failure") || s.equals("error")) {
				state = "failure";
			}
			else if (s.equals("pending") && !state.equals("failure")) {
				state = "pending";
			}
		}
		ObjectNode json = GitHubPayloads.JSON.createObjectNode();
		json.put("state", state);
		json.put("sha", sha);
		json.put("total_count", statuses.size());
		json.putArray("statuses").addAll(statuses);
		return ok(200, json);
	}

	private static Answer ok(int status, JsonNode json) {
		return new Answer(status, GitHubPayloads.JSON.writeValueAsString(json));
	}

	private static Answer notFound() {
		return new Answer(404, GitHubSimulatorHttp.error("Not Found", List.of()));
	}

}
