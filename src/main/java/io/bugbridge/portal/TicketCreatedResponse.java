package io.bugbridge.portal;

import java.net.URI;
import java.time.Instant;

import io.bugbridge.ticket.Priority;
import io.bugbridge.ticket.Status;

/** The brief's intake response: {@code {key, summary, status, priority, created, url}}. */
record TicketCreatedResponse(String key, String summary, Status status, Priority priority, Instant created, URI url) {
}
