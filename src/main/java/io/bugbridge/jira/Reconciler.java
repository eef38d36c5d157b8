package io.bugbridge.jira;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Repairs what lost webhooks missed: searches Jira ({@code /search/jql}, paged with
 * {@code nextPageToken}) for issues updated since the watermark, less an overlap, and applies
 * each with its comments. Then queues tickets that have no Jira issue yet (filed before Jira was
 * connected) and forgets old webhook identifiers. Safe on several nodes at once: applying an
 * issue is idempotent and the watermark only moves forward.
 */
class Reconciler {

	private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

	static final String WATERMARK = "reconcile.watermark";

	private static final DateTimeFormatter JQL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

	private final JiraClient jira;

	private final OutboxRepository outbox;

	private final IssueApplier applier;

	private final JiraIdentity identity;

	private final JiraProperties.Reconcile settings;

	private final TransactionTemplate transactions;

	private final OutboxPump pump;

	private final String projectKey;

	Reconciler(JiraClient jira, OutboxRepository outbox, IssueApplier applier, JiraIdentity identity,
			JiraProperties.Reconcile settings, TransactionTemplate transactions, OutboxPump pump, String projectKey) {
		this.jira = jira;
		this.outbox = outbox;
		this.applier = applier;
		this.identity = identity;
		this.settings = settings;
		this.transactions = transactions;
		this.pump = pump;
		this.projectKey = projectKey;
	}

	record Result(int issues, int backfilled) {
	}

	Result run() {
		Instant started = outbox.now();
		Instant watermark = outbox.state(WATERMARK)
			.map(Instant::parse)
			// First run: the last day, not the project's whole history (history arrives via webhooks as it changes).
			.orElse(started.minus(java.time.Duration.ofDays(1)));
		Instant from = watermark.minus(settings.overlap());
		String jql = "project = \"" + projectKey + "\" AND updated >= \""
				+ JQL_TIME.format(from.atZone(identity.timeZone())) + "\" ORDER BY updated ASC";
		int issues = 0;
		String token = null;
		do {
			JsonNode page = jira.search(jql, applier.fields(true), IssueBodies.PROPERTY_KEY, token, 100);
			for (JsonNode issue : page.path("issues")) {
				applier.apply(issue, null, true);
				issues++;
			}
			token = page.path("isLast").asBoolean(true) ? null : page.path("nextPageToken").asString(null);
		}
		while (token != null);
		String next = started.toString();
		transactions.executeWithoutResult(tx -> {
			// Only forward: a slower node finishing later must not move it back.
			String current = outbox.state(WATERMARK).orElse(null);
			if (current == null || Instant.parse(current).isBefore(started)) {
				outbox.saveState(WATERMARK, next);
			}
		});
		int backfilled = backfill();
		outbox.forgetDeliveriesBefore(started.minus(settings.webhookRetention()));
		if (issues > 0 || backfilled > 0) {
			log.info("Jira reconciliation: {} issues checked, {} older tickets queued for Jira", issues, backfilled);
		}
		return new Result(issues, backfilled);
	}

	private int backfill() {
		var ids = outbox.ticketsWithoutLink(settings.backfillBatch());
		for (Long id : ids) {
			transactions.executeWithoutResult(tx -> {
				if (outbox.link(id).isEmpty()) {
					outbox.ensureLink(id, outbox.now());
					// Look first: the issue may exist already (e.g. the database was restored from a backup).
					outbox.enqueue(id, OutboxRepository.Operation.CREATE, Deliverer.LOOKUP_FIRST);
				}
			});
		}
		if (!ids.isEmpty()) {
			pump.wake();
		}
		return ids.size();
	}

}
