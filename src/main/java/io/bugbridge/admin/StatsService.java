package io.bugbridge.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.bugbridge.feedback.FeedbackService;
import io.bugbridge.feedback.Satisfaction;
import io.bugbridge.sla.SlaMetrics;
import io.bugbridge.sla.SlaService;
import io.bugbridge.ticket.Priority;
import io.bugbridge.ticket.Status;
import io.bugbridge.ticket.TicketCount;
import io.bugbridge.ticket.TicketService;
import io.bugbridge.ticket.TicketType;
import org.springframework.stereotype.Service;

/**
 * Dashboard statistics. Counts come from the counters the ticket store keeps in step with every
 * write (a read of at most 60 rows at any scale); medians, SLA rates and CSAT come from the
 * snapshot that sync-stats refreshes, because they need scans.
 */
@Service
public class StatsService {

	private final TicketService tickets;

	private final SlaService sla;

	private final FeedbackService feedback;

	private final StatsSnapshots snapshots;

	private final AdminJobsProperties properties;

	private final Clock clock;

	private final io.bugbridge.agent.UsageLedger ledger;

	private static final long CACHE_NANOS = 1_000_000_000L;

	private volatile Cached cached;

	private record Cached(StatsView stats, long expires) {
	}

	private final io.bugbridge.fix.AutoFixService fixes;

	StatsService(TicketService tickets, SlaService sla, FeedbackService feedback, StatsSnapshots snapshots,
			AdminJobsProperties properties, Clock clock, io.bugbridge.agent.UsageLedger ledger,
			io.bugbridge.fix.AutoFixService fixes) {
		this.ledger = ledger;
		this.fixes = fixes;
		this.tickets = tickets;
		this.sla = sla;
		this.feedback = feedback;
		this.snapshots = snapshots;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * The current statistics. A dashboard polls or streams them from many browsers at once, so the
	 * figures are reused for up to a second, and recomputed at once after any ticket change this
	 * node hears of (its own commits, and other nodes' through the search index's feed).
	 */
	public StatsView stats() {
		Cached current = cached;
		if (current != null && System.nanoTime() < current.expires()) {
			return current.stats();
		}
		StatsView fresh = compute();
		cached = new Cached(fresh, System.nanoTime() + CACHE_NANOS);
		return fresh;
	}

	@org.springframework.context.event.EventListener
	void on(io.bugbridge.search.TicketsChanged event) {
		cached = null;
	}

	@org.springframework.transaction.event.TransactionalEventListener
	void on(io.bugbridge.ticket.TicketCreated event) {
		cached = null;
	}

	@org.springframework.transaction.event.TransactionalEventListener
	void on(io.bugbridge.ticket.TicketUpdated event) {
		cached = null;
	}

	private StatsView compute() {
		Map<String, Long> byStatus = zeroes(Status.values());
		Map<String, Long> byPriority = zeroes(Priority.values());
		Map<String, Long> byType = zeroes(TicketType.values());
		long total = 0;
		long openBugs = 0;
		long openFeatures = 0;
		long openSupport = 0;
		long high = 0;
		long critical = 0;
		for (TicketCount count : tickets.counts()) {
			long n = count.tickets();
			total += n;
			byStatus.merge(count.status().label(), n, Long::sum);
			byPriority.merge(count.priority().label(), n, Long::sum);
			byType.merge(count.type().label(), n, Long::sum);
			if (!count.status().isDone()) {
				switch (count.type()) {
					case BUG -> openBugs += n;
					case FEATURE -> openFeatures += n;
					case SUPPORT -> openSupport += n;
				}
				if (count.priority() == Priority.HIGH) {
					high += n;
				}
				if (count.priority() == Priority.CRITICAL) {
					critical += n;
				}
			}
		}
		StatsSnapshot snapshot = snapshots.latest().orElseGet(this::refreshSnapshot);
		io.bugbridge.fix.AutoFixService.Stats autoFix = fixes.stats();
		return new StatsView(total, openBugs, openFeatures, openSupport, high, critical, byStatus, byPriority, byType,
				new StatsView.SlaFigures(snapshot.breachedOpen(), snapshot.firstResponseBreached(),
						snapshot.resolutionBreached(), rate(snapshot.firstResponseMeasured(), snapshot.firstResponseBreached()),
						rate(snapshot.resolutionMeasured(), snapshot.resolutionBreached())),
				hours(snapshot.medianFirstResponse()), hours(snapshot.medianResolution()),
				new StatsView.Csat(snapshot.ratings(), snapshot.satisfied(),
						snapshot.ratings() == 0 ? null : (double) snapshot.satisfied() / snapshot.ratings()),
				autoFix.successRate(), snapshot.computedAt(), snapshot.windowDays(), aiUsage(), autoFix);
	}

	private StatsView.AiUsage aiUsage() {
		io.bugbridge.agent.UsageLedger.Totals totals = ledger.totals();
		return new StatsView.AiUsage(totals.calls(), totals.inputTokens(), totals.outputTokens(),
				totals.cacheReadTokens(), totals.cacheWriteTokens(), totals.usd(), ledger.spentToday());
	}

	/** Recomputes the snapshot's figures now. */
	StatsSnapshot refreshSnapshot() {
		cached = null;
		Instant now = clock.instant();
		Duration window = properties.metricsWindow();
		SlaMetrics metrics = sla.metrics(now.minus(window), now);
		Satisfaction csat = feedback.satisfaction(now.minus(window), null);
		StatsSnapshot snapshot = new StatsSnapshot(now, (int) window.toDays(), metrics.medianFirstResponse(),
				metrics.medianResolution(), metrics.firstResponseMeasured(), metrics.firstResponseBreached(),
				metrics.resolutionMeasured(), metrics.resolutionBreached(), metrics.breachedOpen(), csat.ratings(),
				csat.satisfied());
		snapshots.save(snapshot);
		cached = null;
		return snapshot;
	}

	private static Map<String, Long> zeroes(Enum<?>[] values) {
		Map<String, Long> map = new LinkedHashMap<>();
		for (Enum<?> value : values) {
			map.put(value.toString(), 0L);
		}
		return map;
	}

	private static Double rate(long measured, long breached) {
		return measured == 0 ? null : round((double) (measured - breached) / measured);
	}

	private static Double hours(Duration duration) {
		return duration == null ? null : round(duration.toSeconds() / 3600.0);
	}

	private static double round(double value) {
		return Math.round(value * 1000) / 1000.0;
	}

}
