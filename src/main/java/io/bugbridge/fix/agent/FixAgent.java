package io.bugbridge.fix.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.bugbridge.agent.AgentRun;
import io.bugbridge.agent.AgentTask;
import io.bugbridge.agent.ClaudeAgent;
import io.bugbridge.fix.sandbox.Sandbox;
import io.bugbridge.fix.workspace.ChangeLimits;
import io.bugbridge.fix.workspace.ChangeSet;
import io.bugbridge.fix.workspace.Workspace;
import io.bugbridge.ticket.Ticket;

/**
 * The agent in fix mode: the same loop, budgets and usage records as the analysis, with tools that
 * write inside the working copy and run the tests in the sandbox.
 */
public final class FixAgent implements FixExecutor {

	private final ClaudeAgent agent;

	private final Sandbox sandbox;

	public FixAgent(ClaudeAgent agent, Sandbox sandbox) {
		this.agent = agent;
		this.sandbox = sandbox;
	}

	@Override
	public AgentRun run(Ticket ticket, Workspace workspace, ChangeLimits limits, String testCommand,
			String selectorCommand, Duration testTimeout, String evidence, String repair, Consumer<String> progress,
			BooleanSupplier cancelled) throws IOException {
		Worktree worktree = new Worktree(workspace.directory(), limits);
		RunTests tests = new RunTests(sandbox, workspace.directory(),
				new RunTests.TestCommand(testCommand, selectorCommand, testTimeout), progress);
		SubmitFix submit = new SubmitFix(() -> workingCopyProblems(workspace, repair == null));
		var budget = agent.properties().fix();
		AgentTask task = new AgentTask("fix", ticket.key(), FixPrompts.system(testCommand, budget.maxTurns()),
				FixPrompts.map(fileList(workspace.directory())), FixPrompts.task(ticket, evidence, repair),
				List.of(new WorktreeEditor(worktree), new WorktreeSearch(worktree), tests), submit, budget, progress);
		return agent.run(task, cancelled);
	}

	/** A first fix needs a reproducing test; a repair after failing checks may only change code. */
	static List<String> workingCopyProblems(Workspace workspace, boolean needsTest) {
		try {
			ChangeSet changes = workspace.changes();
			List<String> problems = new ArrayList<>();
			if (changes.isEmpty()) {
				problems.add("the working copy has no changes yet: make the fix first");
			}
			else if (needsTest && changes.testFiles().isEmpty()) {
				problems.add("no test file was added or changed: add a test that reproduces the bug (it must fail"
						+ " without your fix)");
			}
			return problems;
		}
		catch (IOException ex) {
			return List.of("the working copy could not be read: " + ex.getMessage());
		}
	}

	static List<String> fileList(Path root) throws IOException {
		try (Stream<Path> files = Files.walk(root)) {
			return files.filter(Files::isRegularFile)
				.map(p -> root.relativize(p).toString().replace('\\', '/'))
				.filter(p -> !p.startsWith(".git/") && !p.equals(".git"))
				.sorted()
				.limit(3000)
				.toList();
		}
	}

}
