package io.bugbridge.fix.agent;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who writes an Auto-Fix ({@code bugbridge.ai.executor}): BugBridge's own agent over the Messages
 * API ({@code api}, the default) or the Claude Code CLI, headless in the sandbox ({@code claude-code}).
 *
 * @param executor {@code api} or {@code claude-code}
 * @param claudeCode where the CLI and the Node it needs for its relay are
 */
@ConfigurationProperties("bugbridge.ai")
public record ExecutorProperties(@DefaultValue("api") Executor executor, @DefaultValue ClaudeCode claudeCode) {

	public enum Executor {

		API, CLAUDE_CODE

	}

	/**
	 * @param command the {@code claude} executable: a path, or a name looked up on the service's PATH
	 * @param node the {@code node} executable that runs the relay inside the sandbox
	 */
	public record ClaudeCode(@DefaultValue("claude") String command, @DefaultValue("node") String node) {
	}

}
