package io.bugbridge.agent;

import java.util.List;
import java.util.function.Consumer;

/**
 * One job for the agent.
 *
 * @param purpose {@code analysis} or {@code fix}, for usage records and metrics
 * @param ticketKey the ticket the run is for
 * @param system the instructions (trusted text written by BugBridge)
 * @param context stable material sent first and cached, e.g. the repository's file map
 * @param task the untrusted report and the evidence, already delimited as data
 * @param tools what the model may call besides the final answer
 * @param finalAnswer the tool that ends the run
 * @param budget the run's limits
 * @param progress told of each tool call's activity line, for the console
 */
public record AgentTask(String purpose, String ticketKey, String system, String context, String task,
		List<AgentTool> tools, FinalAnswer finalAnswer, Budget budget, Consumer<String> progress) {

	public AgentTask {
		tools = List.copyOf(tools);
		progress = progress == null ? line -> {
		} : progress;
	}

}
