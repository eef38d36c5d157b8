package io.bugbridge.ticket;

import java.time.Instant;

/** A file attached to a ticket, without its content (see {@link TicketService#attachmentContent}). */
public record Attachment(long id, long ticketId, String fileName, String contentType, long size, String uploadedBy,
		Instant created) {
}
