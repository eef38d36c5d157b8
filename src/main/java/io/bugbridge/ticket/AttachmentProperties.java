package io.bugbridge.ticket;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of ticket attachments. The bytes are stored in the database, so both bound its growth.
 *
 * @param maxSize largest file accepted ({@code BUGBRIDGE_ATTACHMENTS_MAX_SIZE}, default 5MB)
 * @param maxPerTicket most files one ticket may carry ({@code BUGBRIDGE_ATTACHMENTS_MAX_PER_TICKET})
 * @param concurrentWrites requests that store files at once on this node; more wait without a
 * database connection ({@code BUGBRIDGE_ATTACHMENTS_CONCURRENT_WRITES})
 * @param writeWait longest such wait before the request answers 503 ({@code BUGBRIDGE_ATTACHMENTS_WRITE_WAIT})
 */
@Validated
@ConfigurationProperties("bugbridge.attachments")
public record AttachmentProperties(@NotNull @DefaultValue("5MB") DataSize maxSize,
		@Min(1) @Max(100) @DefaultValue("10") int maxPerTicket,
		@Min(1) @Max(1000) @DefaultValue("4") int concurrentWrites,
		@NotNull @DefaultValue("2m") java.time.Duration writeWait) {

	public AttachmentProperties {
		if (maxSize != null && (maxSize.toBytes() < 1 || maxSize.toMegabytes() > 100)) {
			throw new IllegalArgumentException("bugbridge.attachments.max-size must be between 1 byte and 100MB");
		}
	}

}
