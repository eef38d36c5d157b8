package io.bugbridge.agent;

import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * The tool through which a run ends ({@code submit_analysis}, {@code submit_fix}). Its input schema
 * is the answer's schema; the service checks every answer before it is accepted.
 */
public interface FinalAnswer {

	String name();

	String description();

	Map<String, Object> inputSchema();

	/** What is wrong with an answer, in sentences the model can act on; empty when it is valid. */
	List<String> problems(JsonNode answer);

}
