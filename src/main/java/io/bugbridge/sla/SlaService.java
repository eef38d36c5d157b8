package io.bugbridge.sla;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.bugbridge.ticket.Ticket;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Answers where tickets stand against their SLA targets. */
@Service
public class SlaService {

	private final SlaRepository clocks;

	private final SlaPolicy policy;

	private final Clock clock;

	private final SlaMonitor monitor;

	SlaService(SlaRepository clocks, SlaPolicy policy, Clock clock, SlaMonitor monitor) {
		this.clocks = clocks;
		this.policy = policy;
		this.clock = clock;
		this.monitor = monitor;
	}

	/**
	 * Looks for breaches now instead of waiting for the monitor's next round; returns how many it
	 * reported. Each breach is still reported only once.
	 */
	public int reportBreaches() {
		return monitor.run();
	}

	/** The SLA status of each ticket now, keyed by ticket id, in the order given. */
	@Transactional(readOnly = true)
	public Map<Long, SlaStatus> statusOf(Collection<Ticket> tickets) {
		Instant now = clock.instant();
		Map<Long, SlaClock> stored = clocks.findAll(tickets.stream().map(Ticket::id).toList())
			.stream()
			.collect(Collectors.toMap(SlaClock::ticketId, Function.identity()));
		Map<Long, SlaStatus> statuses = new LinkedHashMap<>();
		for (Ticket ticket : tickets) {
			SlaClock slaClock = stored.getOrDefault(ticket.id(),
					SlaClock.start(ticket.id(), ticket.priority(), ticket.created()));
			statuses.put(ticket.id(), status(slaClock, now));
		}
		return statuses;
	}

	@Transactional(readOnly = true)
	public SlaStatus statusOf(Ticket ticket) {
		return statusOf(List.of(ticket)).get(ticket.id());
	}

	/** Medians and breach counts of responses and resolutions that happened in [from, to). */
	@Transactional(readOnly = true)
	public SlaMetrics metrics(Instant from, Instant to) {
		return clocks.metrics(from, to);
	}

	SlaStatus status(SlaClock c, Instant now) {
		SlaStatus.Target first = target(c, policy.firstResponseTarget(c.priority()), c.firstResponseAt(),
				c.firstResponseBreached(), now);
		SlaStatus.Target resolution = target(c, policy.resolutionTarget(c.priority()), c.resolvedAt(),
				c.resolutionBreached(), now);
		boolean breached = first.breached() || resolution.breached();
		String state;
		if (c.resolvedAt() != null) {
			state = breached ? SlaStatus.BREACHED : SlaStatus.MET;
		}
		else if (breached) {
			state = SlaStatus.BREACHED;
		}
		else if (c.pausedSince() != null) {
			state = SlaStatus.PAUSED;
		}
		else if (atRisk(first) || atRisk(resolution)) {
			state = SlaStatus.AT_RISK;
		}
		else {
			state = SlaStatus.ON_TRACK;
		}
		return new SlaStatus(state, first, resolution);
	}

	private SlaStatus.Target target(SlaClock c, Duration target, Instant completedAt, boolean flagged, Instant now) {
		Duration remaining = target.minus(c.elapsed(completedAt != null ? completedAt : now, policy.calendar()));
		boolean paused = completedAt == null && c.pausedSince() != null;
		Instant due = completedAt == null && !paused ? c.due(target, policy.calendar()) : null;
		return new SlaStatus.Target(target, due, remaining, flagged || remaining.isNegative(), paused, completedAt);
	}

	private boolean atRisk(SlaStatus.Target target) {
		if (target.completedAt() != null || target.paused()) {
			return false;
		}
		double usedFraction = 1.0 - (double) target.remaining().toSeconds() / target.target().toSeconds();
		return usedFraction >= policy.atRiskFraction();
	}

}
