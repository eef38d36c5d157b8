package io.bugbridge.ui.customer;

import java.time.Duration;

import io.bugbridge.security.Caller;
import io.bugbridge.ticket.AttachmentData;
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
		AttachmentData data = tickets.attachment(id)
			.filter(found -> found.attachment().ticketId() == ticket.id())
			.orElseThrow(() -> new TicketNotFoundException(key + " attachment " + id));
		MediaType type = ImageType.ofMediaType(data.attachment().mediaType())
			.map(image -> MediaType.parseMediaType(image.mediaType()))
			.orElse(MediaType.APPLICATION_OCTET_STREAM);
		return ResponseEntity.ok()
			.contentType(type)
			.contentLength(data.content().length)
			.eTag("\"" + data.attachment().sha256() + "\"")
			.cacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePrivate())
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.inline().filename(data.attachment().fileName(), java.nio.charset.StandardCharsets.UTF_8)
						.build()
						.toString())
			.header("Content-Security-Policy", "default-src 'none'; sandbox")
			.body(data.content());
	}

}
