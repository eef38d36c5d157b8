package io.bugbridge.ticket;

import java.util.Objects;

/** A file about to be attached, such as a screenshot. */
public record NewAttachment(String fileName, String contentType, byte[] content) {

	public NewAttachment {
		Objects.requireNonNull(fileName, "fileName");
		Objects.requireNonNull(contentType, "contentType");
		Objects.requireNonNull(content, "content");
	}

}
