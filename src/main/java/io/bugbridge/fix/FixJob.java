package io.bugbridge.fix;

import java.time.Clock;
import java.util.Optional;

import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import io.bugbridge.agent.AgentRun;
import io.bugbridge.fix.FixRun.State;
import io.bugbridge.fix.FixRun.Verification;
import io.bugbridge.fix.agent.FixExecutor;
import io.bugbridge.fix.github.GitHubException;
import io.bugbridge.fix.workspace.ChangeSet;
import io.bugbridge.fix.workspace.FileChange;
import io.bugbridge.fix.workspace.Workspace;
import io.bugbridge.fix.workspace.Workspaces;
import io.bugbridge.ticket.Actor;
import io.bugbridge.ticket.Ticket;
import io.bugbridge.ticket.TicketService;
import io.bugbridge.tracker.TicketTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * One Auto-Fix run, resumable: a fresh working copy, the agent, the service's own verification,
 * then commit, push and the pull request. Each step is recorded before the next, so a node killed
 * after the push resumes at the pull request (found by its branch before one is created).
 */
class FixJob {

	static final TaskDescriptor<Long> TASK = TaskDescriptor.of("auto-fix", Long.class);

	static final Actor AUTO_FIX = new Actor(null, null, "BugBridge Auto-Fix", Actor.Kind.SYSTEM);

	private static final Logger log = LoggerFactory.getLogger(FixJob.class);

	private final FixStore store;

	private final TicketService tickets;

	private final FixSettings settings;

	private final FixExecutor agent;

	private final Verifier verifier;

	private final Workspaces workspaces;

	private final PullRequests pullRequests;

	private final FixEvidence evidence;

	private final TransactionTemplate transactions;

	private final TicketTracker tracker;

	private final Clock clock;

	private final java.util.function.BiConsumer<Long, java.time.Duration> rescheduler;

	FixJob(FixStore store, TicketService tickets, FixSettings settings, FixExecutor agent, Verifier verifier,
			Workspaces workspaces, PullRequests pullRequests, FixEvidence evidence, TransactionTemplate transactions,
			TicketTracker tracker, Clock clock, java.util.function.BiConsumer<Long, java.time.Duration> rescheduler) {
		this.tracker = tracker;
		this.rescheduler = rescheduler;
		this.store = store;
		this.tickets = tickets;
		this.settings = settings;
		this.agent = agent;
		this.verifier = verifier;
		this.workspaces = workspaces;
		this.pullRequests = pullRequests;
		this.evidence = evidence;
		this.transactions = transactions;
		this.clock = clock;
	}

	void run(long runId) {
		FixRun run = store.find(runId).orElse(null);
		if (run == null || !run.state().active()) {
			return;
		}
		Ticket ticket = tickets.findById(store.ticketOf(runId)).orElseThrow();
		try {
			if (run.state() != State.PUSHED && !work(run, ticket)) {
				return;
			}
			openPullRequest(store.find(runId).orElseThrow(), ticket);
		}
		catch (Exception ex) {
			log.warn("Auto-Fix run {} of {} failed: {}", runId, ticket.key(), ex.getMessage());
			log.debug("Auto-Fix failure", ex);
			String reason = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
			finish(run, ticket, State.FAILED, "Auto-Fix failed: " + reason);
		}
	}

	/**
	 * The branch is pushed: a GitHub outage must not lose the run. A retryable failure keeps it
	 * PUSHED and tries again later (the pull request is looked up by branch first, so never twice);
	 * a refusal ends it with GitHub's reason.
	 */
	private void openPullRequest(FixRun run, Ticket ticket) {
		try {
			pullRequests.open(run, ticket);
		}
		catch (GitHubException ex) {
			if (!ex.retryable()) {
				finish(run, ticket, State.FAILED, "Branch " + run.branch() + " was pushed, but " + ex.getMessage());
				return;
			}
			java.time.Duration delay = ex.retryAfter() != null ? ex.retryAfter() : settings.properties().retryDelay();
			store.note(run.id(), "Branch pushed; opening the pull request failed (" + ex.getMessage() + "); trying again in "
					+ delay.toSeconds() + " s.");
			rescheduler.accept(run.id(), delay);
		}
	}

	/** Agent, verification, commit and push; false when the run ended here. */
	private boolean work(FixRun run, Ticket ticket) throws Exception {
		long id = run.id();
		FixSettings.Target target = settings.target(run.repository());
		Optional<String> repair = store.repairLog(id);
		// A repair continues the pushed branch; a first run starts from the freshly fetched base branch.
		String base = repair.isPresent() ? run.branch() : target.repository().base();
		store.progress(id, State.WORKING, "Fetching " + base);
		try (Workspace workspace = workspaces.open(target.remote(), target.token(), base, run.branch())) {
			store.progress(id, State.WORKING, "Waiting for the analysis");
			String startingEvidence = evidence.awaitLatest(ticket.key(), java.time.Duration.ofMinutes(10));
			store.progress(id, State.WORKING, "Claude is working on the fix");
			AgentRun result = agent.run(ticket, workspace, target.limits(), target.repository().testCommand(),
					target.repository().testSelectorCommand(), target.repository().timeout(),
					startingEvidence, repair.orElse(null), line -> store.progress(id, State.WORKING, line),
					() -> store.cancelRequested(id));
			ChangeSet changes = workspace.changes();
			if (result.outcome() == AgentRun.Outcome.CANCELLED) {
				store.worked(id, workspace.baseCommit(), changes.unifiedDiff(), FixResult.EMPTY, result.usage());
				finish(run, ticket, State.CANCELLED, "Cancelled by an admin");
				return false;
			}
			if (!result.answered()) {
				store.worked(id, workspace.baseCommit(), changes.unifiedDiff(), FixResult.EMPTY, result.usage());
				finish(run, ticket, State.FAILED, "Claude did not finish the fix: " + result.reason() + ". Nothing was pushed.");
				return false;
			}
			store.progress(id, State.WORKING, "Running the tests before and after the fix");
			Verification verification = verifier.verify(workspace, changes, target.limits(),
					target.repository().testCommand(), target.repository().timeout(), repair.isEmpty());
			FixResult fix = result(result.answer(), changes, repair.isPresent() ? previous(run, verification) : verification);
			store.worked(id, repair.isPresent() ? run.baseCommit() : workspace.baseCommit(), changes.unifiedDiff(), fix,
					repair.isPresent() && run.usage() != null ? run.usage().plus(result.usage()) : result.usage());
			if (!verification.proven()) {
				finish(run, ticket, State.FAILED, "Not pushed: " + String.join("; ", verification.violations())
						+ ". The diff is kept on the run.");
				return false;
			}
			if (!run.createPr()) {
				finish(run, ticket, State.TESTED, null);
				return false;
			}
			if (store.cancelRequested(id)) {
				finish(run, ticket, State.CANCELLED, "Cancelled by an admin");
				return false;
			}
			store.progress(id, State.WORKING, "Pushing " + run.branch());
			String head = workspace.commit(settings.properties().authorName(), settings.properties().authorEmail(),
					PullRequestText.title(ticket) + "\n\n" + fix.rootCause() + "\n\nResolves: " + ticket.key());
			workspace.push(target.remote(), target.token());
			store.pushed(id, head);
			return true;
		}
	}

	/** A repair keeps the first run's fail-before proof and reports its own pass-after. */
	private static Verification previous(FixRun run, Verification repair) {
		Verification first = run.verification();
		return first == null ? repair : new Verification(first.command(), first.testFiles(), first.failBefore(),
				repair.passAfter(), repair.violations());
	}

	private static FixResult result(JsonNode answer, ChangeSet changes, Verification verification) {
		return new FixResult(answer.path("summary").asString(""), answer.path("root_cause").asString(""),
				answer.path("changes").asString(""), answer.path("testing").asString(""),
				changes.files().stream().map(FileChange::path).toList(), verification);
	}

	private void finish(FixRun run, Ticket ticket, State state, String error) {
		transactions.executeWithoutResult(tx -> {
			store.end(run.id(), state, error, clock.instant());
			FixRun ended = store.find(run.id()).orElseThrow();
			tracker.postInternalComment(ticket.key(), FixComments.ended(ended), AUTO_FIX);
		});
	}

}
