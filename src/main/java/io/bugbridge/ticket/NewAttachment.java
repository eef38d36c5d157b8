package io.bugbridge.ticket;

import java.util.Objects;

/** A file about to be attached, such as a screenshot; control characters are dropped from its name. */
public record NewAttachment(String fileName, String contentType, byte[] content) {

	public NewAttachment {
		Objects.requireNonNull(fileName, "fileName");
		Objects.requireNonNull(contentType, "contentType");
		Objects.requireNonNull(content, "content");
		// NUL and other control characters in a file name are dropped (PostgreSQL cannot store NUL,
		// and none of them belongs in a name shown on a page or sent in a header).
		fileName = fileName.replaceAll("\\p{Cntrl}", "");
		contentType = contentType.replaceAll("\\p{Cntrl}", "");
	}

}
