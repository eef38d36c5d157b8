package io.bugbridge.ticket;

import java.util.Objects;

/**
 * A file someone wants to attach. Only the bytes decide what it is; {@code fileName} is what the
 * uploader called it, kept for display and downloads.
 */
public record NewAttachment(String fileName, byte[] content) {

	public NewAttachment {
		Objects.requireNonNull(content, "content");
	}

}
