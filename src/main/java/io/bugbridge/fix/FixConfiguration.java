package io.bugbridge.fix;

import java.time.Clock;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import io.bugbridge.agent.ClaudeAgent;
import io.bugbridge.config.BugBridgeProperties;
import io.bugbridge.agent.UsageLedger;
import io.bugbridge.fix.agent.ClaudeCodeCli;
import io.bugbridge.fix.agent.ClaudeCodeFixAgent;
import io.bugbridge.fix.agent.ExecutorProperties;
import io.bugbridge.fix.agent.FixAgent;
import io.bugbridge.fix.agent.FixExecutor;
import io.bugbridge.fix.sandbox.Sandbox;
import io.bugbridge.fix.workspace.Workspaces;
import io.bugbridge.ticket.TicketService;
import io.bugbridge.tracker.TicketTracker;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ FixProperties.class, FixRepositoryProperties.class, ExecutorProperties.class })
class FixConfiguration {

	@Bean
	Workspaces fixWorkspaces(BugBridgeProperties bugbridge) {
		return new Workspaces(bugbridge.dataDirectory().path().resolve("worktrees"));
	}

	@Bean
	ClaudeCodeCli claudeCodeCli(ExecutorProperties executor) {
		return new ClaudeCodeCli(executor.claudeCode());
	}

	@Bean
	ClaudeCodeCheck claudeCodeCheck(ExecutorProperties executor, ClaudeCodeCli cli) {
		return new ClaudeCodeCheck(executor, cli);
	}

	/** {@code bugbridge.ai.executor}: BugBridge's own agent (api, the default) or the Claude Code CLI. */
	@Bean
	FixExecutor fixExecutor(ExecutorProperties executor, ClaudeAgent agent, Sandbox sandbox, ClaudeCodeCli cli,
			UsageLedger ledger) {
		if (executor.executor() == ExecutorProperties.Executor.CLAUDE_CODE) {
			return new ClaudeCodeFixAgent(agent.properties(), cli, sandbox, ledger, agent.redactor());
		}
		return new FixAgent(agent, sandbox);
	}

	@Bean
	FixJob fixJob(FixStore store, TicketService tickets, FixSettings settings, FixExecutor executor, Sandbox sandbox,
			Workspaces workspaces, PullRequests pullRequests, FixEvidence evidence, TransactionTemplate transactions,
			TicketTracker tracker, Clock clock, ObjectProvider<DefaultAutoFixService> service) {
		return new FixJob(store, tickets, settings, executor, new Verifier(sandbox), workspaces,
				pullRequests, evidence, transactions, tracker, clock,
				(runId, delay) -> service.getObject().schedule(runId, delay));
	}

	@Bean
	OneTimeTask<Long> autoFixTask(ObjectProvider<FixJob> job) {
		return Tasks.oneTime(FixJob.TASK).execute((instance, context) -> job.getObject().run(instance.getData()));
	}

	@Bean
	RecurringTask<Void> pullRequestPollTask(FixProperties properties, ObjectProvider<FixFeedback> feedback) {
		return Tasks.recurring("auto-fix-pr-poll", FixedDelay.of(properties.pollInterval()))
			.execute((instance, context) -> feedback.getObject().poll());
	}

}
