package io.bugbridge.ui;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import io.bugbridge.search.TicketsChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Tells open dashboards that tickets changed, over server-sent events, so their statistics and
 * chart refresh themselves. {@link TicketsChanged} arrives on every node for changes made on any
 * node; the first change after a quiet spell is sent at once, and bursts are coalesced into at most
 * one message per {@link #DEBOUNCE}, sent from a thread of
 * our own because the index thread that publishes the event must not wait on slow browsers.
 * The message carries no data: each page fetches what it shows, through its own security checks.
 */
@Component
public class LiveUpdates implements SmartLifecycle {

	public static final String TICKETS_CHANGED = "tickets-changed";

	static final Duration DEBOUNCE = Duration.ofMillis(500);

	static final Duration HEARTBEAT = Duration.ofSeconds(25);

	/** Browsers reconnect by themselves after this; it bounds how long a vanished client is kept. */
	static final Duration STREAM_LIFETIME = Duration.ofMinutes(30);

	private static final Logger log = LoggerFactory.getLogger(LiveUpdates.class);

	private final Set<SseEmitter> streams = ConcurrentHashMap.newKeySet();

	private final AtomicBoolean pending = new AtomicBoolean();

	/** When the last change message went out (nanoTime); the next may leave DEBOUNCE after it. */
	private volatile long lastBroadcast = System.nanoTime() - DEBOUNCE.toNanos();

	private ScheduledExecutorService sender;

	private volatile boolean running;

	public SseEmitter subscribe() {
		SseEmitter emitter = new SseEmitter(STREAM_LIFETIME.toMillis());
		streams.add(emitter);
		emitter.onCompletion(() -> streams.remove(emitter));
		emitter.onTimeout(() -> streams.remove(emitter));
		emitter.onError(error -> streams.remove(emitter));
		try {
			// Tells the browser the stream is open, and how soon to come back after a drop.
			emitter.send(SseEmitter.event().comment("connected").reconnectTime(3000));
		}
		catch (IOException | IllegalStateException ex) {
			streams.remove(emitter);
		}
		return emitter;
	}

	int subscribers() {
		return streams.size();
	}

	@EventListener
	void on(TicketsChanged event) {
		ScheduledExecutorService executor = sender;
		if (running && executor != null && pending.compareAndSet(false, true)) {
			// The first change after a quiet spell goes out at once; a burst then waits for the window.
			long wait = Math.max(0, lastBroadcast + DEBOUNCE.toNanos() - System.nanoTime());
			executor.schedule(this::broadcast, wait, TimeUnit.NANOSECONDS);
		}
	}

	private void broadcast() {
		pending.set(false);
		lastBroadcast = System.nanoTime();
		send(() -> SseEmitter.event().name(TICKETS_CHANGED).data("changed"));
	}

	private void heartbeat() {
		// Keeps proxies from closing an idle stream, and finds clients that went away.
		send(() -> SseEmitter.event().comment("heartbeat"));
	}

	/** A builder per stream: a built event cannot be sent twice. */
	private void send(Supplier<SseEmitter.SseEventBuilder> event) {
		for (SseEmitter emitter : streams) {
			try {
				emitter.send(event.get());
			}
			catch (IOException | IllegalStateException ex) {
				streams.remove(emitter);
				emitter.completeWithError(ex);
			}
			catch (RuntimeException ex) {
				streams.remove(emitter);
				log.debug("Dropped a live update stream", ex);
			}
		}
	}

	@Override
	public synchronized void start() {
		sender = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "ui-live-updates");
			thread.setDaemon(true);
			return thread;
		});
		sender.scheduleWithFixedDelay(this::heartbeat, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
		running = true;
	}

	@Override
	public synchronized void stop() {
		// Before the web server's graceful shutdown, which would otherwise wait for open streams.
		running = false;
		streams.forEach(SseEmitter::complete);
		streams.clear();
		if (sender != null) {
			sender.shutdownNow();
			sender = null;
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

}
