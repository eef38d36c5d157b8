package io.bugbridge.ticket;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.stereotype.Component;

/**
 * Bounds how many requests store attachments at once. Each holds a database connection for as long
 * as its files take to write (seconds for 25 MB on a busy host); ten Support Center submissions with
 * five large screenshots took every connection of the pool, and the next request, or the search
 * index, waited out the pool's 3 s and failed (a 500 page). Requests beyond the bound wait here,
 * holding no connection, and are stored in turn; the database writes them one after another anyway.
 */
@Component
class AttachmentWrites {

	private final Semaphore permits;

	private final Duration maxWait;

	@org.springframework.beans.factory.annotation.Autowired
	AttachmentWrites(AttachmentProperties properties) {
		this(properties.concurrentWrites(), properties.writeWait());
	}

	AttachmentWrites(int concurrentWrites, Duration maxWait) {
		if (concurrentWrites < 1) {
			throw new IllegalArgumentException("bugbridge.attachments.concurrent-writes must be at least 1");
		}
		this.permits = new Semaphore(concurrentWrites, true);
		this.maxWait = maxWait;
	}

	/**
	 * Runs {@code write} (a transaction that stores files) once a permit is free. When none frees
	 * within the wait, nothing is stored and the caller answers 503 with Retry-After, as for a
	 * database that cannot be reached.
	 */
	<T> T run(Supplier<T> write) {
		try {
			if (!permits.tryAcquire(maxWait.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new TransientDataAccessResourceException(
						"Too many uploads are being stored at once; nothing was stored");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new TransientDataAccessResourceException("Interrupted while waiting to store the upload", ex);
		}
		try {
			return write.get();
		}
		finally {
			permits.release();
		}
	}

}
