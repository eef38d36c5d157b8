package io.bugbridge.portal;

import java.net.URI;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.bugbridge.ticket.Priority;
import io.bugbridge.ticket.Status;

/**
 * The brief's intake response: {@code {key, summary, status, priority, created, url}}, plus
 * {@code sync} when a tracker such as Jira is connected: {@code synced} when the key is the
 * tracker's, {@code pending} when the tracker did not answer in time and {@code key} is a
 * provisional key (it keeps resolving after the ticket gets its tracker key).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record TicketCreatedResponse(String key, String summary, Status status, Priority priority, Instant created, URI url,
		String sync) {
}
