package io.bugbridge.ticket;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** {@code ticket_attachment}: metadata queries never read the bytes. */
@Repository
class AttachmentStore {

	private static final String METADATA = "id, ticket_id, file_name, media_type, size_bytes, sha256, uploaded_by, created_at";

	private final JdbcClient jdbc;

	AttachmentStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	long insert(long ticketId, String fileName, ImageType type, byte[] content, String sha256, String uploadedBy,
			Instant now) {
		KeyHolder keys = new GeneratedKeyHolder();
		jdbc.sql("""
				INSERT INTO ticket_attachment (ticket_id, file_name, media_type, size_bytes, sha256, content,
				    uploaded_by, created_at)
				VALUES (:ticketId, :fileName, :mediaType, :size, :sha256, :content, :uploadedBy, :now)""")
			.param("ticketId", ticketId)
			.param("fileName", fileName)
			.param("mediaType", type.mediaType())
			.param("size", (long) content.length)
			.param("sha256", sha256)
			.param("content", content)
			.param("uploadedBy", uploadedBy)
			.param("now", now.atOffset(ZoneOffset.UTC))
			.update(keys, "id");
		return keys.getKeyAs(Number.class).longValue();
	}

	int count(long ticketId) {
		return jdbc.sql("SELECT COUNT(*) FROM ticket_attachment WHERE ticket_id = :id")
			.param("id", ticketId)
			.query(Integer.class)
			.single();
	}

	List<Attachment> list(long ticketId) {
		return jdbc.sql("SELECT " + METADATA + " FROM ticket_attachment WHERE ticket_id = :id ORDER BY id")
			.param("id", ticketId)
			.query(AttachmentStore::map)
			.list();
	}

	Optional<Attachment> find(long id) {
		return jdbc.sql("SELECT " + METADATA + " FROM ticket_attachment WHERE id = :id")
			.param("id", id)
			.query(AttachmentStore::map)
			.optional();
	}

	Optional<byte[]> content(long id) {
		return jdbc.sql("SELECT content FROM ticket_attachment WHERE id = :id")
			.param("id", id)
			.query((rs, n) -> rs.getBytes("content"))
			.optional();
	}

	private static Attachment map(ResultSet rs, int row) throws SQLException {
		return new Attachment(rs.getLong("id"), rs.getLong("ticket_id"), rs.getString("file_name"),
				rs.getString("media_type"), rs.getLong("size_bytes"), rs.getString("sha256"), rs.getString("uploaded_by"),
				rs.getObject("created_at", OffsetDateTime.class).toInstant());
	}

}
