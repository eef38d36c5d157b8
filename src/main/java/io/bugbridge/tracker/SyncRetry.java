package io.bugbridge.tracker;

import io.bugbridge.ticket.Actor;

/**
 * An admin's "try again" for a ticket the tracker refused or keeps failing on. Present only with a
 * tracker that mirrors (Jira), like {@link SyncStates}.
 */
public interface SyncRetry {

	/**
	 * Puts the ticket's refused changes back in its queue, in their original order, ends any backoff
	 * and asks for delivery now; a ticket the tracker never heard of is queued for creation (after a
	 * lookup). Exactly-once delivery is unchanged: a create whose outcome is unknown is still only
	 * looked up. Recorded in the ticket's history when something was retried.
	 * @return what was retried; {@link Retried#nothing()} when there was nothing to retry
	 */
	Retried retry(long ticketId, Actor actor);

	/**
	 * @param refused refused changes put back in the queue
	 * @param waiting changes whose backoff was ended
	 * @param created whether the ticket was queued for creation (it had no issue and nothing queued)
	 */
	record Retried(int refused, int waiting, boolean created) {

		public boolean nothing() {
			return refused == 0 && waiting == 0 && !created;
		}

		/** For the history and the admin: what the retry did, in words. */
		public String describe() {
			if (created) {
				return "queued for creation in Jira";
			}
			String refusedText = refused == 0 ? null : refused + (refused == 1 ? " refused change" : " refused changes");
			String waitingText = waiting == 0 ? null : waiting + (waiting == 1 ? " waiting change" : " waiting changes");
			return (refusedText == null ? "" : refusedText) + (refusedText != null && waitingText != null ? " and " : "")
					+ (waitingText == null ? "" : waitingText) + " sent again";
		}

	}

}
