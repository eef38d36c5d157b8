package io.bugbridge.ticket;

/**
 * Published when a file is attached to a ticket (also for each file of a new ticket, after its
 * {@link TicketCreated}). Tracker integrations copy the file with
 * {@link TicketService#attachment(long)}; those from the tracker carry {@link Origin#TRACKER}.
 */
public record AttachmentAdded(Ticket ticket, Attachment attachment, Origin origin) {
}
