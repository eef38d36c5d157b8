package io.bugbridge.support;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.atlassian.oai.validator.model.SimpleRequest;
import com.sun.net.httpserver.HttpExchange;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The simulator's HTTP plumbing: request checks, query parsing, GitHub-style answers. */
final class GitHubSimulatorHttp {

	private GitHubSimulatorHttp() {
	}

	static List<String> validate(HttpExchange exchange, String method, String path, Map<String, String> query,
			String body) {
		List<String> problems = new ArrayList<>();
		String accept = exchange.getRequestHeaders().getFirst("Accept");
		if (accept == null || !accept.contains("application/vnd.github+json")) {
			problems.add("Accept must be application/vnd.github+json, was " + accept);
		}
		if (!"2022-11-28".equals(exchange.getRequestHeaders().getFirst("X-GitHub-Api-Version"))) {
			problems.add("X-GitHub-Api-Version must be 2022-11-28");
		}
		if (exchange.getRequestHeaders().getFirst("User-Agent") == null) {
			problems.add("GitHub refuses requests without User-Agent");
		}
		SimpleRequest.Builder request = new SimpleRequest.Builder(method, path);
		exchange.getRequestHeaders().forEach(request::withHeader);
		query.forEach(request::withQueryParam);
		if (!body.isEmpty()) {
			request.withBody(body);
		}
		problems.addAll(GitHubSpec.problems(request.build()));
		return problems;
	}

	static Map<String, String> params(String rawQuery) {
		Map<String, String> params = new LinkedHashMap<>();
		if (rawQuery != null && !rawQuery.isEmpty()) {
			for (String pair : rawQuery.split("&")) {
				int eq = pair.indexOf('=');
				String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
				params.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
			}
		}
		return params;
	}

	static String error(String message, List<String> errors) {
		ObjectNode json = GitHubPayloads.JSON.createObjectNode();
		json.put("message", message);
		if (!errors.isEmpty()) {
			ArrayNode array = json.putArray("errors");
			errors.forEach(e -> array.addObject().put("resource", "PullRequest").put("code", "custom").put("message", e));
		}
		json.put("documentation_url", "https://docs.github.com/rest");
		return GitHubPayloads.JSON.writeValueAsString(json);
	}

	static void respond(HttpExchange exchange, int status, String body, Map<String, String> headers)
			throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
		exchange.getResponseHeaders().add("x-ratelimit-limit", "5000");
		headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
		exchange.getResponseHeaders().putIfAbsent("x-ratelimit-remaining", List.of("4999"));
		exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
		if (bytes.length > 0) {
			exchange.getResponseBody().write(bytes);
		}
	}

}
