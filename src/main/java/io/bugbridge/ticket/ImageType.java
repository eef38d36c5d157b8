package io.bugbridge.ticket;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The image formats tickets accept as attachments, recognised by their first bytes (magic numbers).
 * The file name and the Content-Type a browser sends are never trusted: a script renamed to
 * {@code .png} must not be stored, let alone served, as an image.
 */
public enum ImageType {

	PNG("image/png", List.of("png")), JPEG("image/jpeg", List.of("jpg", "jpeg", "jfif")),
	GIF("image/gif", List.of("gif")), WEBP("image/webp", List.of("webp"));

	private static final byte[] PNG_SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };

	private final String mediaType;

	private final List<String> extensions;

	ImageType(String mediaType, List<String> extensions) {
		this.mediaType = mediaType;
		this.extensions = extensions;
	}

	public String mediaType() {
		return mediaType;
	}

	/** The usual file name extension, without the dot. */
	public String extension() {
		return extensions.get(0);
	}

	boolean matchesExtension(String extension) {
		return extensions.contains(extension.toLowerCase(Locale.ROOT));
	}

	/** The format of these bytes, or empty when they are none of the accepted images. */
	public static Optional<ImageType> sniff(byte[] bytes) {
		if (bytes == null) {
			return Optional.empty();
		}
		if (startsWith(bytes, 0, PNG_SIGNATURE)) {
			return Optional.of(PNG);
		}
		if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8 && (bytes[2] & 0xFF) == 0xFF) {
			return Optional.of(JPEG);
		}
		if (startsWith(bytes, 0, ascii("GIF87a")) || startsWith(bytes, 0, ascii("GIF89a"))) {
			return Optional.of(GIF);
		}
		// RIFF container: "RIFF", 4 bytes of length, then "WEBP".
		if (startsWith(bytes, 0, ascii("RIFF")) && startsWith(bytes, 8, ascii("WEBP"))) {
			return Optional.of(WEBP);
		}
		return Optional.empty();
	}

	public static Optional<ImageType> ofMediaType(String mediaType) {
		for (ImageType type : values()) {
			if (type.mediaType.equalsIgnoreCase(mediaType)) {
				return Optional.of(type);
			}
		}
		return Optional.empty();
	}

	private static boolean startsWith(byte[] bytes, int offset, byte[] prefix) {
		if (bytes.length < offset + prefix.length) {
			return false;
		}
		for (int i = 0; i < prefix.length; i++) {
			if (bytes[offset + i] != prefix[i]) {
				return false;
			}
		}
		return true;
	}

	private static byte[] ascii(String text) {
		return text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
	}

}
