package io.bugbridge.fix.agent;

import java.io.IOException;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import io.bugbridge.agent.AgentRun;
import io.bugbridge.fix.workspace.ChangeLimits;
import io.bugbridge.fix.workspace.Workspace;
import io.bugbridge.ticket.Ticket;

/**
 * What writes a fix in the working copy ({@code bugbridge.ai.executor}): {@link FixAgent}, BugBridge's
 * own agent over the Messages API, or {@link ClaudeCodeFixAgent}, the Claude Code CLI in the sandbox.
 * Everything around it (working copy, verification, push, pull request) is the same for both.
 */
public interface FixExecutor {

	/**
	 * @param testCommand the repository's test command
	 * @param evidence the latest analysis of the ticket, or the offline evidence; may be empty
	 * @param repair for a repair run: the failing checks or test output to fix; null otherwise
	 */
	AgentRun run(Ticket ticket, Workspace workspace, ChangeLimits limits, String testCommand, String selectorCommand,
			Duration testTimeout, String evidence, String repair, Consumer<String> progress, BooleanSupplier cancelled)
			throws IOException;

	/** Why this executor cannot run here, naming what to install or set; null when it can. */
	default String unavailable() {
		return null;
	}

}
