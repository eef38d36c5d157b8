package io.bugbridge.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import io.bugbridge.ticket.AttachmentProperties;
import io.bugbridge.ticket.NewAttachment;
import jakarta.servlet.MultipartConfigElement;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;
import org.springframework.web.multipart.MultipartFile;

/**
 * Screenshots as the forms send them. The servlet's multipart limits are set generously above the
 * attachment limit, so that a file somewhat too large still reaches the form and gets a message
 * next to the field; the real checks (type from the bytes, size, count) are the ticket module's.
 */
@Configuration(proxyBeanMethods = false)
public class Uploads {

	/** Files one form may send at once. */
	public static final int FILES_PER_FORM = 5;

	private final AttachmentProperties limits;

	Uploads(AttachmentProperties limits) {
		this.limits = limits;
	}

	@Bean
	static MultipartConfigElement multipartConfigElement(AttachmentProperties limits) {
		long file = limits.maxSize().toBytes() * 2;
		long request = file * FILES_PER_FORM + DataSize.ofMegabytes(1).toBytes();
		return new MultipartConfigElement("", file, request, 0);
	}

	public long maxSize() {
		return limits.maxSize().toBytes();
	}

	/** The files actually chosen: a file input left empty still sends one nameless, empty part. */
	public static List<NewAttachment> chosen(List<MultipartFile> parts) {
		List<NewAttachment> files = new ArrayList<>();
		if (parts == null) {
			return files;
		}
		for (MultipartFile part : parts) {
			if (part.isEmpty() && (part.getOriginalFilename() == null || part.getOriginalFilename().isBlank())) {
				continue;
			}
			try {
				// The browser's claimed type is passed on but not trusted: the ticket module sniffs the bytes.
				files.add(new NewAttachment(part.getOriginalFilename() == null ? "" : part.getOriginalFilename(),
						part.getContentType() == null ? "application/octet-stream" : part.getContentType(),
						part.getBytes()));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return files;
	}

}
