package io.bugbridge.jira;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.report.ValidationReport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Atlassian's OpenAPI description of Jira Cloud REST v3 ({@code shared/specs}), loaded once per
 * JVM because it is 2.4 MB. The four query parameters whose default is not in their own enum
 * (listed in specs/README) are patched by dropping those defaults, so the parser accepts the file.
 */
final class JiraSpec {

	private static volatile OpenApiInteractionValidator validator;

	private static volatile com.github.fge.jsonschema.main.JsonSchema adf;

	private JiraSpec() {
	}

	static Path location() {
		for (Path candidate : List.of(Path.of("../shared/specs"), Path.of("/work/shared/specs"),
				Path.of("../../shared/specs"))) {
			Path file = candidate.resolve("jira-cloud-platform-v3.openapi.json");
			if (Files.isRegularFile(file)) {
				return file;
			}
		}
		throw new IllegalStateException("jira-cloud-platform-v3.openapi.json not found in ../shared/specs");
	}

	static OpenApiInteractionValidator validator() {
		OpenApiInteractionValidator loaded = validator;
		if (loaded == null) {
			synchronized (JiraSpec.class) {
				loaded = validator;
				if (loaded == null) {
					loaded = load();
					validator = loaded;
				}
			}
		}
		return loaded;
	}

	/** The problems of a request, empty when it matches the description. */
	static List<String> problems(Request request) {
		// The validator logs at INFO that it skips OAuth schemes, once per request: keep the test log readable.
		((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("com.atlassian.oai"))
			.setLevel(ch.qos.logback.classic.Level.WARN);
		ValidationReport report = validator().validateRequest(request);
		List<String> problems = new ArrayList<>();
		report.getMessages()
			.stream()
			.filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
			.forEach(m -> problems.add(m.getKey() + ": " + m.getMessage()));
		return problems;
	}

	/** Problems of an Atlassian Document Format document, by the ADF JSON Schema in shared/specs. */
	static List<String> adfProblems(String document) {
		try {
			if (adf == null) {
				var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
				adf = com.github.fge.jsonschema.main.JsonSchemaFactory.byDefault()
					.getJsonSchema(mapper.readTree(Files.readString(location().resolveSibling(
							"atlassian-document-format.schema.json"))));
			}
			var report = adf.validate(new com.fasterxml.jackson.databind.ObjectMapper().readTree(document));
			List<String> problems = new ArrayList<>();
			report.forEach(message -> {
				if (message.getLogLevel().compareTo(com.github.fge.jsonschema.core.report.LogLevel.ERROR) >= 0) {
					problems.add("ADF: " + message.getMessage());
				}
			});
			return problems;
		}
		catch (Exception ex) {
			return List.of("ADF: " + ex);
		}
	}

	private static OpenApiInteractionValidator load() {
		try {
			JsonMapper json = JsonMapper.builder().build();
			JsonNode spec = json.readTree(Files.readString(location()));
			patchDefaultsOutsideEnums(spec);
			return OpenApiInteractionValidator.createForInlineApiSpecification(json.writeValueAsString(spec)).build();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void patchDefaultsOutsideEnums(JsonNode node) {
		if (node.isObject()) {
			ObjectNode object = (ObjectNode) node;
			JsonNode enumeration = object.get("enum");
			JsonNode fallback = object.get("default");
			if (enumeration != null && enumeration.isArray() && fallback != null) {
				boolean listed = false;
				for (JsonNode value : enumeration) {
					listed |= value.equals(fallback);
				}
				if (!listed) {
					object.remove("default");
				}
			}
			for (Map.Entry<String, JsonNode> entry : object.properties()) {
				patchDefaultsOutsideEnums(entry.getValue());
			}
		}
		else if (node.isArray()) {
			node.forEach(JiraSpec::patchDefaultsOutsideEnums);
		}
	}

}
