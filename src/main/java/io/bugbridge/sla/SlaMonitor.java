package io.bugbridge.sla;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import io.bugbridge.ticket.TicketService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Finds running clocks that have passed their target, marks them breached and publishes
 * {@link SlaBreached} once per ticket and clock. Runs as a recurring job, so one node of a cluster
 * does each round. Also gives tickets without a clock one (imports, tickets from before SLAs).
 */
@Component
class SlaMonitor {

	private static final Logger log = LoggerFactory.getLogger(SlaMonitor.class);

	private static final int BATCH = 200;

	static final String BACKFILL_MARKER = "sla-backfill";

	private final SlaRepository clocks;

	private final SlaPolicy policy;

	private final TicketService tickets;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private volatile boolean backfilled;

	SlaMonitor(SlaRepository clocks, SlaPolicy policy, TicketService tickets, ApplicationEventPublisher events,
			TransactionTemplate transactions, Clock clock) {
		this.clocks = clocks;
		this.policy = policy;
		this.tickets = tickets;
		this.events = events;
		this.transactions = transactions;
		this.clock = clock;
	}

	/** One round; returns how many breaches it reported. */
	int run() {
		int reported = 0;
		Instant now = clock.instant();
		List<Long> due;
		do {
			due = clocks.dueBefore(now, BATCH);
			for (Long ticketId : due) {
				Integer found = transactions.execute(tx -> check(ticketId, now));
				reported += found == null ? 0 : found;
			}
		}
		while (due.size() == BATCH);
		if (!backfilled && !clocks.markerExists(BACKFILL_MARKER)) {
			// New tickets get their clock with their creation event; only tickets from before SLA
			// tracking lack one, so one pass per database suffices.
			List<Long> missing;
			long after = 0;
			do {
				missing = clocks.ticketsWithoutClock(after, BATCH);
				missing.forEach(id -> transactions.executeWithoutResult(tx -> backfill(id)));
				after = missing.isEmpty() ? after : missing.get(missing.size() - 1);
			}
			while (missing.size() == BATCH);
			clocks.setMarker(BACKFILL_MARKER, now);
		}
		backfilled = true;
		if (reported > 0) {
			log.info("Reported {} SLA breach(es)", reported);
		}
		return reported;
	}

	private int check(long ticketId, Instant now) {
		SlaClock current = clocks.findForUpdate(ticketId).orElse(null);
		if (current == null) {
			return 0;
		}
		// A deleted ticket's clocks are stopped, so its alarms never fire again.
		var ticket = tickets.findAllById(List.of(ticketId)).stream().findFirst().orElse(null);
		if (ticket == null) {
			clocks.update(current.resolved(now), policy);
			return 0;
		}
		SlaClock updated = current;
		int reported = 0;
		Instant firstDue = current.firstResponseAlarm(policy);
		if (firstDue != null && !firstDue.isAfter(now)) {
			updated = updated.withFirstResponseBreached();
			events.publishEvent(new SlaBreached(ticket, "first_response", firstDue));
			reported++;
		}
		Instant resolutionDue = current.resolutionAlarm(policy);
		if (resolutionDue != null && !resolutionDue.isAfter(now)) {
			updated = updated.withResolutionBreached();
			events.publishEvent(new SlaBreached(ticket, "resolution", resolutionDue));
			reported++;
		}
		// Also refreshes stale alarms, e.g. after the targets were reconfigured.
		clocks.update(updated, policy);
		return reported;
	}

	private void backfill(long ticketId) {
		tickets.findById(ticketId).ifPresent(ticket -> {
			SlaClock clock = SlaClock.start(ticket.id(), ticket.priority(), ticket.created());
			if (policy.clockStopped(ticket.status())) {
				clock = ticket.status().isDone() ? clock.resolved(ticket.updated()) : clock.pause(ticket.updated());
			}
			clocks.insert(clock.withBreachesOfStoppedClocks(policy), policy);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class SlaMonitorJob {

		@Bean
		RecurringTask<Void> slaMonitorTask(SlaMonitor monitor, SlaProperties properties) {
			return Tasks.recurring("sla-monitor", Schedules.fixedDelay(properties.monitorInterval()))
				.execute((instance, context) -> monitor.run());
		}

	}

}
