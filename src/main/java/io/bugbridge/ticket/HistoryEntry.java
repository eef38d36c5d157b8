package io.bugbridge.ticket;

import java.time.Instant;

/**
 * One recorded change: who did what to which field, and when.
 *
 * @param action {@code created}, {@code updated} or {@code commented}
 * @param field the changed field for updates, else null
 */
public record HistoryEntry(long id, String actor, String action, String field, String oldValue, String newValue,
		Instant occurred) {
}
