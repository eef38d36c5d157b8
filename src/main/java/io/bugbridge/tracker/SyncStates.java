package io.bugbridge.tracker;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Read-only view of how far tickets are mirrored to the tracker, for the admin pages. Present only
 * when a tracker that mirrors (Jira) is configured; the embedded default has nothing to show.
 */
public interface SyncStates {

	/** The state of each of these tickets; a ticket the tracker never heard of is {@link State#NOT_LINKED}. */
	Map<Long, SyncState> of(List<Long> ticketIds);

	/** Tickets not (fully) in the tracker: never created there, changes waiting, or refused; newest first. */
	List<Long> notSynced(int limit);

	/** Changes waiting for the tracker, changes it refused for good, and how long the oldest has waited. */
	Backlog backlog();

	enum State {

		SYNCED("In Jira"), PENDING("Waiting for Jira"), RETRYING("Jira failing, retrying"), FAILED("Jira refused"),
		NOT_LINKED("Not in Jira");

		private final String label;

		State(String label) {
			this.label = label;
		}

		public String label() {
			return label;
		}

		public boolean problem() {
			return this != SYNCED;
		}

	}

	/**
	 * @param issueKey the tracker's key, once it has the ticket
	 * @param since synced: last delivery; pending/retrying: when the oldest waiting change was made;
	 * failed: when the tracker refused
	 * @param error the tracker's last answer, when it failed
	 */
	record SyncState(State state, String issueKey, Instant since, String error) {
	}

	record Backlog(long waiting, long refused, Duration oldestAge) {

		public boolean empty() {
			return waiting == 0 && refused == 0;
		}

	}

}
