package io.bugbridge.analysis.claude;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import io.bugbridge.agent.AgentRun;
import io.bugbridge.agent.AgentTask;
import io.bugbridge.agent.ClaudeAgent;
import io.bugbridge.analysis.IndexedCommit;
import io.bugbridge.analysis.Localization;
import io.bugbridge.ticket.Ticket;
import tools.jackson.databind.JsonNode;

/**
 * A bug analysis by Claude: the agent reads the repository at the analysed commit with read-only
 * tools, starting from the offline localization, and submits a structured analysis that is then
 * checked against the commit (cited paths must exist, line ranges must lie inside the file).
 */
public final class ClaudeAnalyst {

	private final ClaudeAgent agent;

	public ClaudeAnalyst(ClaudeAgent agent) {
		this.agent = agent;
	}

	public boolean available() {
		return agent.configured();
	}

	public String model() {
		return agent.model();
	}

	/**
	 * @param viewed files the agent read, kept when the run stops without an answer
	 */
	public record Outcome(AgentRun run, CheckedAnalysis analysis, List<String> viewed) {
	}

	public Outcome analyse(Ticket ticket, String repositoryName, Snapshot snapshot, IndexedCommit index,
			Localization offline, Consumer<String> progress, BooleanSupplier cancelled) {
		ViewOnlyEditor editor = new ViewOnlyEditor(snapshot);
		var budget = agent.properties().analysis();
		AgentTask task = new AgentTask("analysis", ticket.key(), Prompts.analysisSystem(budget.maxTurns()),
				Prompts.repositoryMap(repositoryName, snapshot), Prompts.analysisTask(ticket, offline),
				List.of(editor, new SearchCode(index, snapshot), new GitLog(snapshot)), new SubmitAnalysis(), budget,
				progress);
		AgentRun run = agent.run(task, cancelled);
		CheckedAnalysis analysis = run.answered() ? check(run.answer(), snapshot) : null;
		return new Outcome(run, analysis, editor.viewed());
	}

	/** The answer with every cited path and line range checked against the commit. */
	static CheckedAnalysis check(JsonNode answer, Snapshot snapshot) {
		List<String> dropped = new ArrayList<>();
		List<CheckedAnalysis.CitedFile> files = new ArrayList<>();
		for (JsonNode file : answer.path("files_to_examine")) {
			CheckedAnalysis.CitedFile cited = cite(file.path("path").asString(""), file.path("reason").asString(""),
					file.path("line_start"), file.path("line_end"), snapshot, dropped);
			if (cited != null && files.stream().noneMatch(f -> f.path().equals(cited.path()))) {
				files.add(cited);
			}
		}
		JsonNode root = answer.path("root_cause");
		CheckedAnalysis.CitedFile location = root.path("file").isString()
				? cite(root.path("file").asString(""), "", root.path("line_start"), root.path("line_end"), snapshot, dropped)
				: null;
		return new CheckedAnalysis(answer.path("understanding").asString("").strip(),
				root.path("summary").asString("").strip(), location, files, strings(answer.path("fix_approach")),
				strings(answer.path("side_effects")), answer.path("estimated_effort").asString("").strip(),
				answer.path("risk_level").asString(""), answer.path("confidence").asString(""), dropped);
	}

	private static CheckedAnalysis.CitedFile cite(String rawPath, String reason, JsonNode start, JsonNode end,
			Snapshot snapshot, List<String> dropped) {
		Snapshot.PathCheck check = Snapshot.check(rawPath);
		if (check.refusal() != null || check.path().isEmpty() || !snapshot.isFile(check.path())) {
			dropped.add(rawPath);
			return null;
		}
		Integer from = start.isIntegralNumber() ? Integer.valueOf(start.asInt()) : null;
		Integer to = end.isIntegralNumber() ? Integer.valueOf(end.asInt()) : from;
		if (from != null) {
			int lines = snapshot.lineCount(check.path());
			if (from < 1 || to == null || to < from || to > lines) {
				dropped.add(check.path() + ":" + from + "-" + to + " (outside the file's " + lines + " lines)");
				from = null;
				to = null;
			}
		}
		return new CheckedAnalysis.CitedFile(check.path(), reason.strip(), from, from == null ? null : to);
	}

	private static List<String> strings(JsonNode array) {
		List<String> values = new ArrayList<>();
		array.forEach(node -> {
			if (node.isString() && !node.asString().isBlank()) {
				values.add(node.asString().strip());
			}
		});
		return values;
	}

}
