package io.bugbridge.search;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import io.bugbridge.ticket.Comment;
import io.bugbridge.ticket.Ticket;
import io.bugbridge.ticket.TicketChange;
import io.bugbridge.ticket.TicketService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this node's index in step with the database by following the ticket change feed. On
 * start it resumes from the position the index last committed, or rebuilds the index when the
 * feed no longer reaches back that far (a new node, a long outage).
 * <p>
 * Feed entries can commit out of sequence order (a transaction that drew a low number commits
 * after one that drew a higher one). Each round reads only the entries above the highest one seen
 * (the watermark), and remembers the numbers it skipped below it as gaps: they belong to
 * transactions still running, or rolled back. Each round looks those up by number, and forgets
 * one when it appears or after {@link #GAP_TIMEOUT} (a transaction that never committed). So a
 * submission costs a read of its own entries, not of a window below the watermark; the committed
 * position is just below the oldest open gap, so a restart misses nothing either.
 */
class IndexFollower {

	private static final Logger log = LoggerFactory.getLogger(IndexFollower.class);

	/** How far below the feed's end a rebuild starts following it (writes during the rebuild). */
	static final int LOOKBACK = 1000;

	/** How long a skipped sequence number is looked for before it counts as rolled back. */
	static final Duration GAP_TIMEOUT = Duration.ofMinutes(10);

	/** At most this many gaps are remembered (the oldest are given up first). */
	static final int MAX_GAPS = 10_000;

	/** Gaps looked up per query. */
	private static final int GAP_QUERY = 500;

	private static final int BATCH = 1000;

	private static final Duration COMMIT_EVERY = Duration.ofSeconds(10);

	/**
	 * Rounds woken by nudges start at least this long apart, so a burst of commits is applied in one
	 * round. A round per commit made Lucene write a one-document segment each time and merge them
	 * again, which under sustained intake cost more CPU than the intake itself. Searches see a new
	 * ticket up to this much later; {@link #catchUpNow()} is not held back.
	 */
	static final long ROUND_SPACING_MS = 100;

	private final TicketIndex index;

	private final TicketService tickets;

	private final Duration pollInterval;

	private final ReentrantLock lock = new ReentrantLock();

	/**
	 * Wake-up calls. Never a lock: nudges come from threads that still hold a database connection
	 * (after-commit callbacks), while the follower may be waiting for a connection to catch up.
	 */
	private final Semaphore nudges = new Semaphore(0);

	/** Sequence numbers below the watermark not seen yet, with when they were first missed (nanoTime). */
	private final java.util.TreeMap<Long, Long> gaps = new java.util.TreeMap<>();

	/** Change rows read from the database: what following the feed costs. */
	private final AtomicLong rowsRead = new AtomicLong();

	private final AtomicLong rebuilt = new AtomicLong();

	private volatile boolean ready;

	private volatile boolean running;

	private long highestSeen;

	private Instant lastCommit = Instant.EPOCH;

	private Thread thread;

	private final java.util.function.Consumer<TicketsChanged> listener;

	IndexFollower(TicketIndex index, TicketService tickets, Duration pollInterval,
			java.util.function.Consumer<TicketsChanged> listener) {
		this.index = index;
		this.tickets = tickets;
		this.pollInterval = pollInterval;
		this.listener = listener;
	}

	boolean isReady() {
		return ready;
	}

	long indexedDuringRebuild() {
		return rebuilt.get();
	}

	/** Change feed rows read so far (new entries and gaps that appeared). */
	long feedRowsRead() {
		return rowsRead.get();
	}

	/** Sequence numbers below the watermark this follower is still waiting for. */
	int openGaps() {
		lock.lock();
		try {
			return gaps.size();
		}
		finally {
			lock.unlock();
		}
	}

	void start() {
		running = true;
		thread = new Thread(this::run, "ticket-index");
		thread.setDaemon(true);
		thread.start();
	}

	void stop() {
		running = false;
		nudge();
		if (thread != null) {
			try {
				thread.join(TimeUnit.SECONDS.toMillis(10));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		try {
			if (ready) {
				index.commit(safePosition());
			}
		}
		catch (IOException ex) {
			log.warn("Could not commit the ticket index on shutdown; it will catch up on the next start", ex);
		}
	}

	/** Wakes the follower now, e.g. right after this node committed a change. Never blocks. */
	void nudge() {
		if (nudges.availablePermits() == 0) {
			nudges.release();
		}
	}

	/** Applies everything committed so far; for tests and for callers that must see their writes. */
	void catchUpNow() throws IOException {
		lock.lock();
		try {
			catchUp();
		}
		finally {
			lock.unlock();
		}
	}

	private void run() {
		long backoff = 1000;
		while (running && !ready) {
			try {
				initialise();
			}
			catch (Exception ex) {
				// Typically the database is not reachable yet; admin search answers 503 meanwhile.
				log.error("Building the ticket search index failed; retrying in {} ms", backoff, ex);
				try {
					Thread.sleep(backoff);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					return;
				}
				backoff = Math.min(backoff * 2, 60_000);
			}
		}
		long lastRound = 0;
		while (running) {
			try {
				if (nudges.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS)) {
					long wait = ROUND_SPACING_MS - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastRound);
					if (wait > 0) {
						Thread.sleep(wait);
					}
					nudges.drainPermits();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			lock.lock();
			try {
				if (running) {
					lastRound = System.nanoTime();
					catchUp();
				}
			}
			catch (Exception ex) {
				// The database may be restarting; the next round tries again.
				log.warn("Ticket index could not follow the change feed: {}", ex.toString());
			}
			finally {
				lock.unlock();
			}
		}
	}

	private void initialise() throws IOException {
		lock.lock();
		try {
			TicketChange.Range feed = tickets.changeFeedRange();
			long position = index.committedFeedPosition();
			boolean feedReachesBack = position >= 0 && (feed.oldest() == 0 || feed.oldest() <= position + 1);
			if (feedReachesBack) {
				highestSeen = position;
				gaps.clear();
				catchUp();
				log.info("Ticket search index resumed at feed position {} with {} tickets", position, index.documents());
			}
			else {
				rebuild(feed.latest());
			}
			ready = running;
		}
		finally {
			lock.unlock();
		}
	}

	private void rebuild(long feedLatest) throws IOException {
		long started = System.nanoTime();
		log.info("Building the ticket search index from the database...");
		index.deleteAll();
		long afterId = 0;
		List<Ticket> batch;
		do {
			batch = tickets.scan(afterId, BATCH);
			if (!batch.isEmpty()) {
				apply(batch);
				afterId = batch.get(batch.size() - 1).id();
				rebuilt.addAndGet(batch.size());
			}
		}
		while (batch.size() == BATCH && running);
		if (!running) {
			log.info("Stopped before the ticket search index was complete; it is rebuilt on the next start");
			return;
		}
		// Writes that committed during the rebuild (some with numbers below the feed's end as it was
		// when the rebuild began) are picked up by following the feed once from a little below it.
		highestSeen = Math.max(0, feedLatest - LOOKBACK);
		gaps.clear();
		index.commit(highestSeen);
		index.refresh();
		lastCommit = Instant.now();
		log.info("Ticket search index built: {} tickets in {} ms", rebuilt.get(),
				TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
	}

	private void catchUp() throws IOException {
		boolean changed = false;
		Set<Long> changedTickets = new LinkedHashSet<>();
		List<TicketChange> appeared = lookUpGaps();
		if (!appeared.isEmpty()) {
			changed |= applyChanges(appeared, changedTickets);
		}
		boolean more = true;
		while (more) {
			List<TicketChange> changes = tickets.changesAfter(highestSeen, BATCH);
			rowsRead.addAndGet(changes.size());
			for (TicketChange change : changes) {
				long now = System.nanoTime();
				for (long skipped = Math.max(highestSeen + 1, change.seq() - MAX_GAPS); skipped < change.seq(); skipped++) {
					gaps.put(skipped, now);
				}
				highestSeen = Math.max(highestSeen, change.seq());
			}
			trimGaps();
			if (!changes.isEmpty()) {
				changed |= applyChanges(changes, changedTickets);
			}
			more = changes.size() == BATCH;
		}
		if (changed) {
			index.refresh();
			try {
				listener.accept(new TicketsChanged(Set.copyOf(changedTickets)));
			}
			catch (RuntimeException ex) {
				log.warn("A listener of ticket changes failed", ex);
			}
		}
		if (changed && Duration.between(lastCommit, Instant.now()).compareTo(COMMIT_EVERY) > 0) {
			index.commit(safePosition());
			lastCommit = Instant.now();
		}
	}

	/** The gap entries that have committed since the last round; forgets them, and expired gaps. */
	private List<TicketChange> lookUpGaps() {
		if (gaps.isEmpty()) {
			return List.of();
		}
		long expired = System.nanoTime() - GAP_TIMEOUT.toNanos();
		gaps.values().removeIf(missedAt -> missedAt - expired < 0);
		List<TicketChange> appeared = new ArrayList<>();
		List<Long> open = new ArrayList<>(gaps.keySet());
		for (int from = 0; from < open.size(); from += GAP_QUERY) {
			List<TicketChange> found = tickets.changesAmong(open.subList(from, Math.min(open.size(), from + GAP_QUERY)));
			rowsRead.addAndGet(found.size());
			for (TicketChange change : found) {
				if (gaps.remove(change.seq()) != null) {
					appeared.add(change);
				}
			}
		}
		return appeared;
	}

	private boolean applyChanges(List<TicketChange> changes, Set<Long> changedTickets) throws IOException {
		Set<Long> ticketIds = new LinkedHashSet<>();
		changes.forEach(change -> ticketIds.add(change.ticketId()));
		List<Long> ids = new ArrayList<>(ticketIds);
		List<Ticket> found = tickets.findAllById(ids);
		apply(found);
		Set<Long> missing = new LinkedHashSet<>(ids);
		found.forEach(ticket -> missing.remove(ticket.id()));
		for (Long gone : missing) {
			index.delete(gone);
		}
		changedTickets.addAll(ids);
		return true;
	}

	private void apply(List<Ticket> batch) throws IOException {
		Map<Long, List<Comment>> comments = tickets.comments(batch.stream().map(Ticket::id).toList(), true);
		index.upsert(batch, comments);
	}

	/** A position from which replaying the feed cannot miss a late-committing entry: below every open gap. */
	private long safePosition() {
		return gaps.isEmpty() ? highestSeen : gaps.firstKey() - 1;
	}

	private void trimGaps() {
		while (gaps.size() > MAX_GAPS) {
			gaps.pollFirstEntry();
		}
	}

}
