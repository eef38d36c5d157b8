package io.bugbridge.fix;

import java.util.List;
import java.util.Optional;

import io.bugbridge.ticket.Actor;

/** Auto-Fix runs of bug tickets: one active run per ticket, kept with the ticket. */
public interface AutoFixService {

	/**
	 * Starts a run, or returns the ticket's active one.
	 *
	 * @param createPr push the tested fix and open a draft pull request; false stops at the tested diff
	 * @throws AutoFixUnavailableException (409) naming exactly what to configure
	 */
	FixRun request(String ticketKey, boolean createPr, Actor requestedBy);

	Optional<FixRun> find(long runId);

	Optional<FixRun> latest(String ticketKey);

	List<FixRun> history(String ticketKey);

	/** Asks an active run to stop at its next step. */
	FixRun cancel(long runId, Actor by);

	/** Whether Auto-Fix can run here and, when not, what to set. */
	Availability availability(boolean createPr);

	/** Pull request outcomes for admin stats. */
	Stats stats();

	/**
	 * @param missing settings or environment variables to set, e.g. {@code GITHUB_TOKEN}
	 * @param sandbox how commands are isolated, or why they cannot be
	 */
	record Availability(boolean available, List<String> missing, String reason, String sandbox) {
	}

	/**
	 * @param successRate merged ÷ (merged + closed); null before any pull request was decided
	 * @param medianMinutesToPr from the request to the open pull request
	 * @param costPerMergedFixUsd all Auto-Fix spending divided by merged fixes; null before one merged
	 */
	record Stats(long opened, long merged, long closed, Double successRate, Double medianMinutesToPr,
			java.math.BigDecimal costPerMergedFixUsd) {
	}

}
