package io.bugbridge.fix;

import io.bugbridge.fix.agent.ClaudeCodeCli;
import io.bugbridge.fix.agent.ExecutorProperties;
import io.bugbridge.jira.DoctorCheck;

/**
 * {@code doctor}'s line about the Claude Code CLI: its version, or why it cannot be used. A failure
 * only when {@code bugbridge.ai.executor=claude-code} depends on it.
 */
public final class ClaudeCodeCheck {

	private final ExecutorProperties properties;

	private final ClaudeCodeCli cli;

	public ClaudeCodeCheck(ExecutorProperties properties, ClaudeCodeCli cli) {
		this.properties = properties;
		this.cli = cli;
	}

	public DoctorCheck check() {
		ClaudeCodeCli.Status status = cli.status();
		boolean needed = properties.executor() == ExecutorProperties.Executor.CLAUDE_CODE;
		String executor = " (bugbridge.ai.executor=" + (needed ? "claude-code" : "api") + ")";
		if (status.available()) {
			return new DoctorCheck("claude-code", DoctorCheck.Status.OK,
					status.version() + " at " + status.executable() + executor, null);
		}
		if (!needed) {
			return new DoctorCheck("claude-code", DoctorCheck.Status.OK, "not usable, not needed" + executor + ": "
					+ status.problem(), null);
		}
		return new DoctorCheck("claude-code", DoctorCheck.Status.FAIL, status.problem() + executor,
				ClaudeCodeCli.INSTALL + ", or set bugbridge.ai.executor=api");
	}

}
