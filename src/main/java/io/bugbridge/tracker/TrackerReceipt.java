package io.bugbridge.tracker;

/**
 * What the tracker made of a new ticket within the intake budget.
 *
 * @param key the key to show: the tracker's own when it has the ticket, else the local one
 * @param sync {@code synced} (the tracker has it), {@code pending} (delivered later), or null
 * for the local tracker, where there is nothing to sync
 */
public record TrackerReceipt(String key, String sync) {

	public static final String SYNCED = "synced";

	public static final String PENDING = "pending";

	public static TrackerReceipt local(String key) {
		return new TrackerReceipt(key, null);
	}

	public static TrackerReceipt synced(String key) {
		return new TrackerReceipt(key, SYNCED);
	}

	public static TrackerReceipt pending(String key) {
		return new TrackerReceipt(key, PENDING);
	}

	public boolean isPending() {
		return PENDING.equals(sync);
	}

}
