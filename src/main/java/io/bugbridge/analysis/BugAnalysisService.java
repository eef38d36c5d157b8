package io.bugbridge.analysis;

import java.util.List;
import java.util.Optional;

import io.bugbridge.ticket.Actor;

/**
 * Analyses of bug tickets: likely root causes, files to examine and a fix approach. Analyses run as
 * background jobs, one at a time per ticket, and are kept with the ticket.
 */
public interface BugAnalysisService {

	/**
	 * Queues an analysis of the ticket, or returns the one already queued or running for it.
	 * @param codebase the configured repository to analyse (its name or path); null for the default
	 */
	BugAnalysis request(String ticketKey, String codebase, Actor requestedBy);

	/** An analysis by its id. */
	Optional<BugAnalysis> find(long analysisId);

	/** The most recent analysis of the ticket, in whatever state it is. */
	Optional<BugAnalysis> latest(String ticketKey);

	/** Every analysis of the ticket, newest first. */
	List<BugAnalysis> history(String ticketKey);

	/**
	 * How ready the ticket's report is for an AI run, from its text and, once an analysis has run, the
	 * offline ranking's confidence.
	 */
	Readiness readiness(String ticketKey);

	/** What this installation can do, for enabling or explaining buttons. */
	Capabilities capabilities();

	/**
	 * @param engine what produces analyses, e.g. {@code offline index}
	 * @param autoFixUnavailableReason why auto-fix is off (e.g. no AI provider configured); null
	 * when it is available
	 * @param analysisUnavailableReason why no analysis can run (no code repository to analyse), saying
	 * what to set; null when analyses can run
	 */
	record Capabilities(String engine, boolean autoFixAvailable, String autoFixUnavailableReason,
			String analysisUnavailableReason) {

		public Capabilities(String engine, boolean autoFixAvailable, String autoFixUnavailableReason) {
			this(engine, autoFixAvailable, autoFixUnavailableReason, null);
		}

	}

	/** Whether analyses use Claude (ANTHROPIC_API_KEY set) rather than only the offline index. */
	default boolean claude() {
		return false;
	}

}
