package io.bugbridge.ticket;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * A file that cannot be attached: not one of the accepted images, too large, empty, or one too
 * many for the ticket. {@link #reason()} is a sentence for the person who uploaded it.
 */
public class AttachmentRejectedException extends ErrorResponseException {

	private final String fileName;

	private final String reason;

	AttachmentRejectedException(HttpStatus status, String fileName, String reason) {
		super(status);
		this.fileName = fileName;
		this.reason = reason;
		getBody().setTitle("Attachment rejected");
		getBody().setDetail((fileName == null ? "The file" : fileName) + ": " + reason);
		getBody().setProperty("errors", List.of(Map.of("field", "attachment", "message", reason)));
	}

	public String fileName() {
		return fileName;
	}

	public String reason() {
		return reason;
	}

}
