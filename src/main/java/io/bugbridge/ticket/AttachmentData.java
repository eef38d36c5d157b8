package io.bugbridge.ticket;

/** An attachment with its bytes, for serving it or copying it to a tracker. */
public record AttachmentData(Attachment attachment, byte[] content) {
}
