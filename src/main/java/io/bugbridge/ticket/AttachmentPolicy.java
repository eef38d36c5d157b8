package io.bugbridge.ticket;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * What may be attached: an accepted image (by its bytes), not empty, not over the size limit. Also
 * tidies the file name, which is only ever displayed: no directories, no control characters, and an
 * extension that matches what the bytes are.
 */
@Component
class AttachmentPolicy {

	static final int MAX_NAME_LENGTH = 255;

	private final AttachmentProperties properties;

	AttachmentPolicy(AttachmentProperties properties) {
		this.properties = properties;
	}

	long maxSize() {
		return properties.maxSize().toBytes();
	}

	int maxPerTicket() {
		return properties.maxPerTicket();
	}

	/** The accepted type of the file, or {@link AttachmentRejectedException}. */
	ImageType check(NewAttachment file) {
		String name = file.fileName();
		if (file.content().length == 0) {
			throw new AttachmentRejectedException(HttpStatus.BAD_REQUEST, name, "the file is empty");
		}
		if (file.content().length > maxSize()) {
			throw new AttachmentRejectedException(HttpStatus.CONTENT_TOO_LARGE, name,
					"the file is larger than the limit of " + describeSize(maxSize()));
		}
		return ImageType.sniff(file.content())
			.orElseThrow(() -> new AttachmentRejectedException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, name,
					"only PNG, JPEG, GIF and WebP images can be attached, and this file is none of them"));
	}

	void checkCount(int existing, int adding) {
		if (existing + adding > maxPerTicket()) {
			throw new AttachmentRejectedException(HttpStatus.CONFLICT, null,
					"a ticket can have at most " + maxPerTicket() + " attachments");
		}
	}

	static String cleanName(String fileName, ImageType type) {
		String name = fileName == null ? "" : fileName;
		name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
		name = name.replaceAll("[\\p{Cntrl}\"]", "").strip();
		int dot = name.lastIndexOf('.');
		String base = dot > 0 ? name.substring(0, dot) : name;
		String extension = dot > 0 ? name.substring(dot + 1) : "";
		if (base.isBlank()) {
			base = "screenshot";
		}
		if (!type.matchesExtension(extension)) {
			extension = type.extension();
		}
		int room = MAX_NAME_LENGTH - extension.length() - 1;
		if (base.length() > room) {
			base = base.substring(0, room);
		}
		return base + "." + extension;
	}

	/** "5 MB", "512 KB": sizes as people read them. */
	static String describeSize(long bytes) {
		if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
			return bytes / (1024 * 1024) + " MB";
		}
		if (bytes >= 1024 * 1024) {
			return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
		}
		if (bytes >= 1024) {
			return bytes / 1024 + " KB";
		}
		return bytes + " bytes";
	}

}
