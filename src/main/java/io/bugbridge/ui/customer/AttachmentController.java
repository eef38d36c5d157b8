package io.bugbridge.ui.customer;

import java.time.Duration;

import io.bugbridge.security.Caller;
import io.bugbridge.ticket.Attachment;
import io.bugbridge.ticket.ImageType;
import io.bugbridge.ticket.Ticket;
import io.bugbridge.ticket.TicketNotFoundException;
import io.bugbridge.ticket.TicketService;
import io.bugbridge.ui.TicketAccess;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves a screenshot to those who may see its ticket, and to nobody else (404, as for a ticket
 * they may not see). The type is the one sniffed when it was stored; the response forbids the
 * browser from sniffing again or running anything in it.
 */
@RestController
class AttachmentController {

	private final TicketService tickets;

	private final TicketAccess access;

	AttachmentController(TicketService tickets, TicketAccess access) {
		this.tickets = tickets;
		this.access = access;
	}

	@GetMapping("/tickets/{key}/attachments/{id}")
	ResponseEntity<byte[]> attachment(@PathVariable String key, @PathVariable long id, Caller caller) {
		Ticket ticket = access.visible(key, caller);
		Attachment attachment = tickets.findAttachment(id)
			.filter(found -> found.ticketId() == ticket.id())
			.orElseThrow(() -> new TicketNotFoundException(key + " attachment " + id));
		byte[] content = tickets.attachmentContent(id)
			.orElseThrow(() -> new TicketNotFoundException(key + " attachment " + id));
		// Only recognised image types are ever served as such; anything else (a file stored before
		// the checks existed) is a download.
		MediaType type = ImageType.ofMediaType(attachment.contentType())
			.map(image -> MediaType.parseMediaType(image.mediaType()))
			.orElse(MediaType.APPLICATION_OCTET_STREAM);
		return ResponseEntity.ok()
			.contentType(type)
			.contentLength(content.length)
			// Attachments never change: the id identifies the content.
			.eTag("\"attachment-" + attachment.id() + "\"")
			.cacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePrivate())
			.header(HttpHeaders.CONTENT_DISPOSITION,
					(type.equals(MediaType.APPLICATION_OCTET_STREAM) ? ContentDisposition.attachment() : ContentDisposition.inline())
						.filename(attachment.fileName(), java.nio.charset.StandardCharsets.UTF_8)
						.build()
						.toString())
			.header("Content-Security-Policy", "default-src 'none'; sandbox")
			.body(content);
	}

}
