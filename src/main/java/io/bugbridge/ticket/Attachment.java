package io.bugbridge.ticket;

import java.time.Instant;

/**
 * A file attached to a ticket, without its bytes.
 *
 * @param mediaType the type sniffed from the bytes when it was stored, e.g. {@code image/png}
 * @param sha256 hex digest of the bytes: an ETag, and a way for mirrors to skip files they have
 * @param uploadedBy the e-mail (or name) of who attached it
 */
public record Attachment(long id, long ticketId, String fileName, String mediaType, long size, String sha256,
		String uploadedBy, Instant created) {
}
