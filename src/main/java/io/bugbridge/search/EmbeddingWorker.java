package io.bugbridge.search;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.bugbridge.embedding.EmbeddingsUnavailableException;
import io.bugbridge.ticket.Ticket;
import io.bugbridge.ticket.TicketService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes ticket embeddings off the request path, on one background thread: at start it loads
 * the model and the stored vectors, then embeds every ticket whose text changed since (or that has
 * none), then each ticket the search index reports as changed. A ticket is findable lexically
 * while it waits. The vector is stored (another node or the next start reuses it) and put in
 * memory for search.
 */
class EmbeddingWorker {

	private static final Logger log = LoggerFactory.getLogger(EmbeddingWorker.class);

	private static final int BATCH = 200;

	private final TextEmbedder embedder;

	private final TicketVectors vectors;

	private final EmbeddingStore store;

	private final TicketService tickets;

	private final LinkedBlockingQueue<Long> changed = new LinkedBlockingQueue<>();

	/** Ticket ids queued and ids processed so far: equal when no change waits for its vector. */
	private final java.util.concurrent.atomic.AtomicLong queued = new java.util.concurrent.atomic.AtomicLong();

	private final java.util.concurrent.atomic.AtomicLong processed = new java.util.concurrent.atomic.AtomicLong();

	private volatile boolean running;

	private volatile boolean caughtUp;

	private Thread thread;

	EmbeddingWorker(TextEmbedder embedder, TicketVectors vectors, EmbeddingStore store, TicketService tickets) {
		this.embedder = embedder;
		this.vectors = vectors;
		this.store = store;
		this.tickets = tickets;
	}

	void start() {
		running = true;
		thread = new Thread(this::run, "ticket-embeddings");
		thread.setDaemon(true);
		// Embedding competes with requests for the CPU; requests come first.
		thread.setPriority(Thread.MIN_PRIORITY);
		thread.start();
	}

	void stop() {
		running = false;
		if (thread != null) {
			thread.interrupt();
			try {
				thread.join(TimeUnit.SECONDS.toMillis(10));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/** Called on the index thread: only queues, so the index is never held up. */
	void changed(Collection<Long> ticketIds) {
		if (running) {
			queued.addAndGet(ticketIds.size());
			changed.addAll(ticketIds);
		}
	}

	/** Whether every ticket that existed at start, and every change since, has its vector. */
	boolean isCaughtUp() {
		return caughtUp && processed.get() == queued.get();
	}

	private void run() {
		try {
			long started = System.nanoTime();
			embedder.load();
			long loaded = System.nanoTime();
			int stored = store.loadAll(s -> vectors.put(s.ticketId(), s.textHash(), s.vector()));
			log.info("Embedding model loaded in {} ms; {} stored ticket embeddings loaded in {} ms",
					TimeUnit.NANOSECONDS.toMillis(loaded - started), stored,
					TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - loaded));
			backfill();
			caughtUp = true;
			while (running) {
				Long first = changed.poll(1, TimeUnit.SECONDS);
				if (first == null) {
					continue;
				}
				List<Long> drained = new ArrayList<>();
				drained.add(first);
				changed.drainTo(drained, BATCH - 1);
				try {
					embed(tickets.findAllById(new ArrayList<>(new LinkedHashSet<>(drained))));
				}
				catch (org.springframework.dao.DataAccessException ex) {
					// The database is briefly away: these tickets get their vectors on their next change or start.
					log.warn("Could not embed changed tickets: {}", ex.toString());
				}
				finally {
					processed.addAndGet(drained.size());
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (EmbeddingsUnavailableException ex) {
			log.debug("Ticket embeddings stopped: {}", ex.getMessage());
		}
		catch (RuntimeException | LinkageError ex) {
			// Similarity stays lexical: worse suggestions, but nothing else breaks.
			log.error("Ticket embeddings stopped; similar tickets are found by their words only", ex);
		}
	}

	/** Every ticket once: those created or edited while no node was embedding (e.g. before this version). */
	private void backfill() {
		long started = System.nanoTime();
		int embedded = 0;
		long afterId = 0;
		List<Ticket> batch;
		do {
			batch = tickets.scan(afterId, BATCH);
			embedded += embed(batch);
			afterId = batch.isEmpty() ? afterId : batch.get(batch.size() - 1).id();
		}
		while (batch.size() == BATCH && running);
		if (embedded > 0) {
			long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
			log.info("Embedded {} tickets in {} ms ({} ms per ticket)", embedded, millis, millis / embedded);
		}
	}

	/** Embeds the tickets whose vector is missing or stale; returns how many it computed. */
	private int embed(List<Ticket> batch) {
		int computed = 0;
		for (Ticket ticket : batch) {
			if (!running) {
				break;
			}
			String text = TicketEmbeddings.text(ticket);
			int hash = embedder.hash(text);
			if (vectors.isCurrent(ticket.id(), hash)) {
				continue;
			}
			var fromAnotherNode = store.find(ticket.id()).filter(s -> s.textHash() == hash);
			float[] vector;
			if (fromAnotherNode.isPresent()) {
				vector = fromAnotherNode.get().vector();
			}
			else {
				try {
					vector = embedder.embed(text);
				}
				catch (EmbeddingsUnavailableException ex) {
					throw ex;
				}
				catch (RuntimeException ex) {
					// One text the model cannot take must not stop embeddings for every ticket after it:
					// this ticket stays matched by its words.
					log.warn("Could not embed ticket {}: {}", ticket.id(), ex.toString());
					continue;
				}
				try {
					store.save(ticket.id(), hash, vector);
				}
				catch (org.springframework.dao.DataAccessException ex) {
					// Deleted meanwhile, or the database is briefly away: the next change or start retries.
					log.debug("Could not store the embedding of ticket {}: {}", ticket.id(), ex.toString());
				}
				computed++;
			}
			vectors.put(ticket.id(), hash, vector);
		}
		return computed;
	}

}
