package io.bugbridge.ticket;

/** Published in the transaction that stores an attachment. */
public record AttachmentAdded(Ticket ticket, Attachment attachment, Origin origin) {
}
