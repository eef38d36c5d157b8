package io.bugbridge.jira;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * While the circuit is open, asks Jira who we are ({@code GET /rest/api/3/myself}: no side
 * effect, a few hundred bytes) on the short, bounded schedule {@link JiraAvailability#probeDue}
 * keeps, and closes the circuit at the first answer, waking the outbox worker. Runs on every node
 * with Jira configured, also where delivery is off, since intake there uses the circuit too.
 */
class JiraProbe implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(JiraProbe.class);

	/** How often the probe looks whether one is due; a due check is a synchronized comparison. */
	static final Duration TICK = Duration.ofMillis(100);

	private final JiraClient client;

	private final JiraAvailability availability;

	private final OutboxPump pump;

	private final Duration timeout;

	private final JiraMetrics metrics;

	private volatile ScheduledExecutorService timer;

	JiraProbe(JiraClient client, JiraAvailability availability, OutboxPump pump, Duration timeout,
			JiraMetrics metrics) {
		this.client = client;
		this.availability = availability;
		this.pump = pump;
		this.timeout = timeout;
		this.metrics = metrics;
	}

	/** One probe if one is due; true when it closed the circuit. */
	boolean probeIfDue() {
		if (!availability.probeDue()) {
			return false;
		}
		try {
			client.probe(timeout);
		}
		catch (JiraUnavailableException ex) {
			availability.probeFailed(ex);
			log.debug("Jira probe failed: {}", ex.getMessage());
			return false;
		}
		catch (JiraRejectedException answered) {
			// Jira answered, so it is up; whatever it refused, deliveries will find out themselves.
		}
		catch (RuntimeException ex) {
			availability.probeFailed(null);
			log.warn("Jira probe failed unexpectedly", ex);
			return false;
		}
		availability.probeSucceeded();
		metrics.circuitClosedByProbe();
		log.info("Jira answers again: circuit closed, delivering the outbox");
		pump.wake();
		return true;
	}

	@Override
	public void start() {
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
			Thread thread = new Thread(r, "jira-probe");
			thread.setDaemon(true);
			return thread;
		});
		executor.scheduleWithFixedDelay(() -> {
			try {
				probeIfDue();
			}
			catch (RuntimeException ex) {
				log.warn("Jira probe round failed", ex);
			}
		}, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
		timer = executor;
	}

	@Override
	public void stop() {
		ScheduledExecutorService executor = timer;
		timer = null;
		if (executor != null) {
			executor.shutdownNow();
		}
	}

	@Override
	public boolean isRunning() {
		return timer != null;
	}

}
