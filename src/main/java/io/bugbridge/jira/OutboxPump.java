package io.bugbridge.jira;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The outbox worker of this node: looks for tickets with due entries, claims each ticket's lease
 * (so one node delivers a ticket at a time, in order) and delivers on a small pool. Woken at once
 * when a change commits, otherwise polls. Stops calling while the circuit is open, letting one
 * probe through when the backoff has passed.
 */
class OutboxPump implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(OutboxPump.class);

	private final OutboxRepository outbox;

	private final Deliverer deliverer;

	private final JiraAvailability availability;

	private final JiraProperties.Delivery settings;

	private final String owner = "node-" + UUID.randomUUID();

	private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition signal = lock.newCondition();

	private boolean woken;

	private volatile boolean running;

	private Thread loop;

	private ExecutorService workers;

	OutboxPump(OutboxRepository outbox, Deliverer deliverer, JiraAvailability availability,
			JiraProperties.Delivery settings) {
		this.outbox = outbox;
		this.deliverer = deliverer;
		this.availability = availability;
		this.settings = settings;
	}

	String owner() {
		return owner;
	}

	/** A fencing token for one claim of a ticket's lease: unique, and naming this node. */
	String newClaim() {
		return owner + "/" + UUID.randomUUID();
	}

	void wake() {
		lock.lock();
		try {
			woken = true;
			signal.signalAll();
		}
		finally {
			lock.unlock();
		}
	}

	@Override
	public void start() {
		if (!settings.enabled()) {
			log.info("Jira outbox delivery is off on this node (bugbridge.jira.delivery.enabled=false)");
			running = true;
			return;
		}
		AtomicInteger n = new AtomicInteger();
		workers = Executors.newFixedThreadPool(Math.max(1, settings.threads()), r -> {
			Thread thread = new Thread(r, "jira-delivery-" + n.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		running = true;
		loop = new Thread(this::run, "jira-outbox");
		loop.setDaemon(true);
		loop.start();
	}

	private void run() {
		while (running) {
			try {
				pumpOnce();
			}
			catch (RuntimeException ex) {
				log.warn("Jira outbox poll failed: {}", ex.getMessage());
			}
			await();
		}
	}

	/** One round: claim due tickets up to the free worker slots and deliver them. */
	void pumpOnce() {
		int free = Math.max(1, settings.threads()) - inFlight.size();
		if (free <= 0) {
			return;
		}
		List<Long> due = outbox.dueTickets(free + inFlight.size());
		for (Long ticketId : due) {
			if (inFlight.size() >= settings.threads()) {
				return;
			}
			// Intake may still be delivering it (its lease ran out during a slow call): leave it be.
			if (inFlight.contains(ticketId) || deliverer.busy(ticketId) || !availability.tryAcquire()) {
				continue;
			}
			String claim = newClaim();
			if (!outbox.claim(ticketId, claim, settings.lease())) {
				availability.releaseProbe();
				continue;
			}
			inFlight.add(ticketId);
			workers.execute(() -> {
				try {
					deliverer.deliver(ticketId, claim);
				}
				catch (RuntimeException ex) {
					// Failures of an entry are handled (and backed off) by the deliverer; this is the
					// database failing around it, which the next poll meets again: no stack trace.
					log.warn("Jira delivery of ticket {} failed: {}", ticketId, ex.toString());
				}
				finally {
					// A probe that made no call (nothing left to send) must not keep the circuit shut.
					availability.releaseProbe();
					inFlight.remove(ticketId);
					wake();
				}
			});
		}
	}

	private void await() {
		lock.lock();
		try {
			if (!woken && running) {
				signal.await(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
			}
			woken = false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			running = false;
		}
		finally {
			lock.unlock();
		}
	}

	@Override
	public void stop() {
		running = false;
		wake();
		if (workers != null) {
			workers.shutdownNow();
			try {
				workers.awaitTermination(5, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		if (loop != null) {
			loop.interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	@Override
	public int getPhase() {
		// Like the job runner: after the web server starts, stopped before the data source closes.
		return SmartLifecycle.DEFAULT_PHASE - 100;
	}

}
