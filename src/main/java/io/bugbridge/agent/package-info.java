/**
 * The Claude agent: one tool-use loop over Anthropic's Messages API, shared by bug analysis and
 * Auto-Fix. Callers give it a task (system prompt, starting evidence, tools, a final-answer tool and
 * a budget); it runs turns until the final answer is valid or a limit is reached, enforcing the
 * budget between turns, redacting secrets from everything sent, and recording usage.
 * <p>
 * API: {@link io.bugbridge.agent.ClaudeAgent}, {@link io.bugbridge.agent.AgentTask},
 * {@link io.bugbridge.agent.AgentTool}, {@link io.bugbridge.agent.AgentRun},
 * {@link io.bugbridge.agent.Usage}, {@link io.bugbridge.agent.AiProperties},
 * {@link io.bugbridge.agent.Redactor}, {@link io.bugbridge.agent.ModelCheck}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Claude agent")
package io.bugbridge.agent;
