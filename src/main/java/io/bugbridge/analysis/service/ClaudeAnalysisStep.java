package io.bugbridge.analysis.service;

import java.util.List;

import io.bugbridge.agent.AgentRun;
import io.bugbridge.agent.ClaudeAgent;
import io.bugbridge.analysis.IndexedCommit;
import io.bugbridge.analysis.Localization;
import io.bugbridge.analysis.Readiness;
import io.bugbridge.analysis.claude.ClaudeAnalyst;
import io.bugbridge.analysis.claude.Snapshot;
import io.bugbridge.analysis.git.GitSnapshots;
import io.bugbridge.ticket.Ticket;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.springframework.stereotype.Component;

/**
 * The Claude step of an analysis, after the offline pass: runs the agent with the offline evidence
 * and turns its checked answer into the stored result. When Claude stops without an answer (limit,
 * provider error, refusal) the offline analysis stands in and the run is marked failed with the
 * reason, so the admin sees both and can retry.
 */
@Component
class ClaudeAnalysisStep {

	interface Progress {

		void report(int percent, String line);

	}

	private final ClaudeAnalyst analyst;

	private final ClaudeAgent agent;

	private final CodeRepositories repositories;

	ClaudeAnalysisStep(ClaudeAgent agent, CodeRepositories repositories) {
		this.agent = agent;
		this.analyst = new ClaudeAnalyst(agent);
		this.repositories = repositories;
	}

	int autoThreshold() {
		return agent.properties().autoThreshold();
	}

	boolean available() {
		return agent.configured();
	}

	String model() {
		return agent.model();
	}

	/** Manual runs always use Claude when it is configured; automatic ones only above the threshold. */
	boolean wanted(boolean automatic, Readiness readiness) {
		return agent.configured() && (!automatic || readiness.ready());
	}

	AnalysisJob.Finished analyse(long analysisId, Ticket ticket, CodeRepositoryProperties.Repository repository,
			IndexedCommit commit, Localization localization, AnalysisWriter.Result offline, Readiness readiness,
			Progress progress) throws java.io.IOException {
		progress.report(75, "Claude (" + agent.model() + ") is reading the code");
		int[] calls = { 0 };
		try (Repository git = GitSnapshots.open(repositories.gitDirectory(repository));
				Snapshot snapshot = new Snapshot(git, ObjectId.fromString(commit.commit()))) {
			ClaudeAnalyst.Outcome outcome = analyst.analyse(ticket, repository.name(), snapshot, commit, localization,
					line -> progress.report(Math.min(95, 76 + calls[0]++), line), () -> false);
			AgentRun run = outcome.run();
			if (outcome.analysis() != null) {
				AnalysisWriter.Result result = ClaudeWriter.write(ticket, repository.name(), commit.commit(),
						outcome.analysis(), run.usage(), RepositoryLinks.of(repository));
				return new AnalysisJob.Finished(result, new AnalysisStore.Outcome(ClaudeWriter.ENGINE, agent.model(),
						run.usage(), readiness.score(), outcome.analysis().understanding(), outcome.analysis().dropped(),
						null));
			}
			String reason = "Claude analysis stopped: " + run.reason() + (run.retryable() ? " (worth retrying later)" : "")
					+ ". The offline analysis is shown instead.";
			return new AnalysisJob.Finished(fallback(offline, reason, outcome.viewed()), new AnalysisStore.Outcome(
					AnalysisWriter.ENGINE, agent.model(), run.usage(), readiness.score(), null, List.of(), reason));
		}
	}

	/** The offline analysis, headed by why Claude stopped and followed by what it had read. */
	private static AnalysisWriter.Result fallback(AnalysisWriter.Result offline, String reason, List<String> viewed) {
		String text = reason + "\n"
				+ (viewed.isEmpty() ? "" : "Files Claude had read: " + String.join(", ", viewed) + "\n") + "\n"
				+ offline.text();
		return new AnalysisWriter.Result(text, offline.files(), offline.fixApproach(), offline.hypotheses(),
				offline.sideEffects(), offline.effort(), offline.risk(), offline.confidence());
	}

}
