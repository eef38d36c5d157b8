package io.bugbridge.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The GitHub REST subset of {@code shared/specs} (pulls/create, pulls/get, repos/get,
 * issues/create-comment, git refs) plus four operations the subset lacks, described here by hand
 * from GitHub's REST reference (docs.github.com/rest, API version 2022-11-28) with only the
 * parameters and fields BugBridge may send: pulls/list, pulls/update,
 * repos/get-combined-status-for-ref, checks/list-for-ref. The hand-written request bodies forbid
 * unknown fields, so a typo fails the test instead of being ignored by GitHub.
 */
final class GitHubSpec {

	private static final String SUPPLEMENT = """
			{
			  "/repos/{owner}/{repo}/pulls": {
			    "get": {
			      "operationId": "pulls/list",
			      "parameters": [
			        {"$ref": "#/components/parameters/owner"}, {"$ref": "#/components/parameters/repo"},
			        {"name": "state", "in": "query", "schema": {"type": "string", "enum": ["open", "closed", "all"]}},
			        {"name": "head", "in": "query", "schema": {"type": "string", "pattern": "^[^:]+:.+$"}},
			        {"name": "base", "in": "query", "schema": {"type": "string"}},
			        {"name": "sort", "in": "query", "schema": {"type": "string", "enum": ["created", "updated", "popularity", "long-running"]}},
			        {"name": "direction", "in": "query", "schema": {"type": "string", "enum": ["asc", "desc"]}},
			        {"name": "per_page", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100}},
			        {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1}}
			      ],
			      "responses": {"200": {"description": "pull-request-simple[]"}}
			    }
			  },
			  "/repos/{owner}/{repo}/pulls/{pull_number}": {
			    "patch": {
			      "operationId": "pulls/update",
			      "parameters": [
			        {"$ref": "#/components/parameters/owner"}, {"$ref": "#/components/parameters/repo"},
			        {"$ref": "#/components/parameters/pull-number"}
			      ],
			      "requestBody": {"required": true, "content": {"application/json": {"schema": {
			        "type": "object", "additionalProperties": false,
			        "properties": {
			          "title": {"type": "string"}, "body": {"type": "string"},
			          "state": {"type": "string", "enum": ["open", "closed"]},
			          "base": {"type": "string"}, "maintainer_can_modify": {"type": "boolean"}
			        }}}}},
			      "responses": {"200": {"description": "pull-request"}}
			    }
			  },
			  "/repos/{owner}/{repo}/commits/{ref}/status": {
			    "get": {
			      "operationId": "repos/get-combined-status-for-ref",
			      "parameters": [
			        {"$ref": "#/components/parameters/owner"}, {"$ref": "#/components/parameters/repo"},
			        {"name": "ref", "in": "path", "required": true, "schema": {"type": "string"}},
			        {"name": "per_page", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100}},
			        {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1}}
			      ],
			      "responses": {"200": {"description": "combined-commit-status"}}
			    }
			  },
			  "/repos/{owner}/{repo}/commits/{ref}/check-runs": {
			    "get": {
			      "operationId": "checks/list-for-ref",
			      "parameters": [
			        {"$ref": "#/components/parameters/owner"}, {"$ref": "#/components/parameters/repo"},
			        {"name": "ref", "in": "path", "required": true, "schema": {"type": "string"}},
			        {"name": "check_name", "in": "query", "schema": {"type": "string"}},
			        {"name": "status", "in": "query", "schema": {"type": "string", "enum": ["queued", "in_progress", "completed"]}},
			        {"name": "filter", "in": "query", "schema": {"type": "string", "enum": ["latest", "all"]}},
			        {"name": "app_id", "in": "query", "schema": {"type": "integer"}},
			        {"name": "per_page", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100}},
			        {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1}}
			      ],
			      "responses": {"200": {"description": "check runs"}}
			    }
			  }
			}
			""";

	private static volatile OpenApiInteractionValidator validator;

	private GitHubSpec() {
	}

	static Path location() {
		for (Path candidate : List.of(Path.of("../shared/specs"), Path.of("/work/shared/specs"),
				Path.of("../../shared/specs"))) {
			Path file = candidate.resolve("github-rest-subset.openapi.json");
			if (Files.isRegularFile(file)) {
				return file;
			}
		}
		throw new IllegalStateException("github-rest-subset.openapi.json not found in ../shared/specs");
	}

	static synchronized OpenApiInteractionValidator validator() {
		if (validator == null) {
			validator = load();
		}
		return validator;
	}

	/** The problems of a request, empty when it matches the description. */
	static List<String> problems(Request request) {
		ValidationReport report = validator().validateRequest(request);
		List<String> problems = new ArrayList<>();
		report.getMessages()
			.stream()
			.filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
			.forEach(m -> problems.add(m.getKey() + ": " + m.getMessage()));
		return problems;
	}

	private static OpenApiInteractionValidator load() {
		try {
			JsonMapper json = JsonMapper.builder().build();
			ObjectNode spec = (ObjectNode) json.readTree(Files.readString(location()));
			ObjectNode paths = (ObjectNode) spec.get("paths");
			for (Map.Entry<String, JsonNode> path : json.readTree(SUPPLEMENT).properties()) {
				ObjectNode item = paths.has(path.getKey()) ? (ObjectNode) paths.get(path.getKey())
						: paths.putObject(path.getKey());
				path.getValue().properties().forEach(operation -> item.set(operation.getKey(), operation.getValue()));
			}
			// The description lists only application/json responses, yet GitHub asks clients to send
			// Accept: application/vnd.github+json (and answers application/json to it); the simulator
			// checks that header itself.
			return OpenApiInteractionValidator.createForInlineApiSpecification(json.writeValueAsString(spec))
				.withLevelResolver(LevelResolver.create()
					.withLevel("validation.request.accept.notAllowed", ValidationReport.Level.IGNORE)
					.build())
				.build();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
