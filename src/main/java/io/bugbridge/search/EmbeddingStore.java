package io.bugbridge.search;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Ticket embeddings in the database (table {@code ticket_embedding}): computed once by any node,
 * loaded by every node at start. Plain bytes rather than a vector type, so H2 and PostgreSQL keep
 * one schema; the cosine search runs in memory ({@link TicketVectors}).
 */
class EmbeddingStore {

	/** A stored embedding and the hash of the model and text it was computed from. */
	record Stored(long ticketId, int textHash, float[] vector) {
	}

	interface Sink {

		void accept(Stored stored);

	}

	private final JdbcClient jdbc;

	EmbeddingStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Streams every stored embedding to {@code sink}; returns how many there were. */
	int loadAll(Sink sink) {
		int[] count = { 0 };
		jdbc.sql("SELECT ticket_id, text_hash, vector FROM ticket_embedding").query(rs -> {
			sink.accept(new Stored(rs.getLong(1), rs.getInt(2), floats(rs.getBytes(3))));
			count[0]++;
		});
		return count[0];
	}

	Optional<Stored> find(long ticketId) {
		return jdbc.sql("SELECT ticket_id, text_hash, vector FROM ticket_embedding WHERE ticket_id = ?")
			.param(ticketId)
			.query((rs, n) -> new Stored(rs.getLong(1), rs.getInt(2), floats(rs.getBytes(3))))
			.optional();
	}

	void save(long ticketId, int textHash, float[] vector) {
		byte[] bytes = bytes(vector);
		if (update(ticketId, textHash, bytes) == 0) {
			try {
				jdbc.sql("INSERT INTO ticket_embedding (ticket_id, text_hash, vector) VALUES (?, ?, ?)")
					.params(ticketId, textHash, bytes)
					.update();
			}
			catch (DuplicateKeyException anotherNodeWasFaster) {
				update(ticketId, textHash, bytes);
			}
		}
	}

	private int update(long ticketId, int textHash, byte[] bytes) {
		return jdbc.sql("UPDATE ticket_embedding SET text_hash = ?, vector = ? WHERE ticket_id = ?")
			.params(textHash, bytes, ticketId)
			.update();
	}

	static byte[] bytes(float[] vector) {
		ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
		buffer.asFloatBuffer().put(vector);
		return buffer.array();
	}

	static float[] floats(byte[] bytes) {
		float[] vector = new float[bytes.length / Float.BYTES];
		ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
		return vector;
	}

}
