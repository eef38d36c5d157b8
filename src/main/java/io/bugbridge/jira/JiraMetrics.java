package io.bugbridge.jira;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * What operators watch (names under {@code bugbridge.jira.}): calls by outcome, deliveries,
 * retries, dead letters, 429s, outbox backlog and age, webhook lag.
 */
class JiraMetrics {

	private final MeterRegistry registry;

	private final Counter delivered;

	private final Counter retried;

	private final Counter deadLettered;

	private final Counter rateLimited;

	private final Counter localFailures;

	private final Counter createLookups;

	private final Counter duplicatesRemoved;

	private final Counter duplicatesKept;

	private final Timer webhookLag;

	JiraMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.delivered = Counter.builder("bugbridge.jira.deliveries").description("Outbox entries Jira accepted")
			.register(registry);
		this.retried = Counter.builder("bugbridge.jira.retries").description("Deliveries put off after a failure")
			.register(registry);
		this.deadLettered = Counter.builder("bugbridge.jira.dead.letters")
			.description("Outbox entries Jira refused for good")
			.register(registry);
		this.rateLimited = Counter.builder("bugbridge.jira.rate.limited").description("429 answers from Jira")
			.register(registry);
		this.localFailures = Counter.builder("bugbridge.jira.delivery.failures")
			.description("Deliveries that failed here, not in Jira (a bug, a constraint violation); retried with backoff")
			.register(registry);
		this.createLookups = Counter.builder("bugbridge.jira.create.lookups")
			.description("Lookups of a create whose outcome was unknown (lost answer, timeout, crash)")
			.register(registry);
		this.duplicatesRemoved = Counter.builder("bugbridge.jira.duplicates.removed")
			.description("Second Jira issues of a ticket (a create Jira applied late) that the service deleted")
			.register(registry);
		this.duplicatesKept = Counter.builder("bugbridge.jira.duplicates.kept")
			.description("Second Jira issues of a ticket that people touched or Jira would not delete: linked as Duplicate")
			.register(registry);
		this.webhookLag = Timer.builder("bugbridge.jira.webhook.lag")
			.description("From the Jira event to its application here")
			.publishPercentiles(0.5, 0.99)
			.register(registry);
	}

	/** Backlog gauges read the outbox when scraped. */
	void bindOutbox(OutboxRepository outbox) {
		Gauge.builder("bugbridge.jira.outbox.backlog", outbox, OutboxRepository::backlog)
			.description("Outbox entries waiting for Jira")
			.register(registry);
		Gauge.builder("bugbridge.jira.outbox.age", outbox, o -> o.oldestAge().toMillis() / 1000.0)
			.description("Age in seconds of the oldest waiting outbox entry")
			.baseUnit("seconds")
			.register(registry);
		Gauge.builder("bugbridge.jira.outbox.failed", outbox, OutboxRepository::deadLetters)
			.description("Outbox entries Jira refused (dead letters)")
			.register(registry);
	}

	void call(String outcome) {
		registry.counter("bugbridge.jira.calls", "outcome", outcome).increment();
	}

	double calls() {
		return registry.find("bugbridge.jira.calls").counters().stream().mapToDouble(Counter::count).sum();
	}

	void delivered() {
		delivered.increment();
	}

	void retried() {
		retried.increment();
	}

	void deadLettered() {
		deadLettered.increment();
	}

	void localFailure() {
		localFailures.increment();
	}

	double localFailures() {
		return localFailures.count();
	}

	void createLookup() {
		createLookups.increment();
	}

	void duplicateRemoved() {
		duplicatesRemoved.increment();
	}

	double duplicatesRemoved() {
		return duplicatesRemoved.count();
	}

	void duplicateKept() {
		duplicatesKept.increment();
	}

	double duplicatesKept() {
		return duplicatesKept.count();
	}

	void rateLimited() {
		rateLimited.increment();
	}

	void circuitClosedByProbe() {
		registry.counter("bugbridge.jira.circuit.closed").increment();
	}

	void webhookLag(Duration lag) {
		if (!lag.isNegative()) {
			webhookLag.record(lag.toMillis(), TimeUnit.MILLISECONDS);
		}
	}

}
