package io.bugbridge.jira;

import java.time.Clock;

import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import io.bugbridge.config.BugBridgeProperties;
import io.bugbridge.ticket.TicketKeyFormat;
import io.bugbridge.ticket.TicketService;
import io.bugbridge.tracker.TicketTracker;
import io.bugbridge.tracker.TrackerSelection;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The doctor is always there (it says when Jira is off); everything else only with {@code JIRA_URL}. */
@Configuration(proxyBeanMethods = false)
class JiraConfiguration {

	@Bean
	JiraDoctor jiraDoctor(JiraProperties properties, BugBridgeProperties bugbridge, ObjectProvider<JiraClient> client,
			ObjectProvider<OutboxRepository> outbox, ObjectProvider<JiraAvailability> availability) {
		return new JiraDoctor(properties, bugbridge, client, outbox, availability);
	}

	@Configuration(proxyBeanMethods = false)
	@Conditional(TrackerSelection.JiraConfigured.class)
	static class JiraSyncConfiguration {

		private static final Logger log = LoggerFactory.getLogger(JiraSyncConfiguration.class);

		JiraSyncConfiguration(JiraProperties properties, BugBridgeProperties bugbridge) {
			if (properties.email() == null || properties.email().isBlank() || properties.apiToken() == null
					|| properties.apiToken().isBlank()) {
				throw new IllegalStateException("JIRA_URL is set but JIRA_EMAIL or JIRA_API_TOKEN is not: set both"
						+ " (or unset JIRA_URL to keep tickets in BugBridge only)");
			}
			log.info("Tickets are mirrored to Jira project {} at {} as {}{}", bugbridge.projectKey(), properties.url(),
					properties.email(), properties.webhookSecret() == null
							? "; JIRA_WEBHOOK_SECRET is not set, so webhooks are refused" : "");
			if (properties.delivery().lease().compareTo(properties.requestTimeout().multipliedBy(2)) < 0) {
				// Still exactly once (an unknown create is only looked up), but leases change hands mid-call.
				log.warn("bugbridge.jira.delivery.lease ({}) should be at least twice bugbridge.jira.request-timeout ({})",
						properties.delivery().lease(), properties.requestTimeout());
			}
		}

		@Bean
		JiraMetrics jiraMetrics(MeterRegistry registry) {
			return new JiraMetrics(registry);
		}

		@Bean
		JiraClient jiraClient(JiraProperties properties, JiraMetrics metrics) {
			return new JiraClient(properties, metrics);
		}

		@Bean
		OutboxRepository jiraOutbox(JdbcClient jdbc, Clock clock, JiraMetrics metrics) {
			OutboxRepository outbox = new OutboxRepository(jdbc, clock);
			metrics.bindOutbox(outbox);
			return outbox;
		}

		@Bean
		JiraAvailability jiraAvailability(Clock clock, JiraProperties properties) {
			return new JiraAvailability(clock, properties.delivery());
		}

		@Bean
		JiraMapping jiraMapping(JiraProperties properties) {
			return new JiraMapping(properties);
		}

		@Bean
		IssueBodies jiraIssueBodies(JiraProperties properties, JiraMapping mapping, BugBridgeProperties bugbridge) {
			return new IssueBodies(properties, mapping, bugbridge.projectKey());
		}

		@Bean
		JiraIdentity jiraIdentity(JiraClient client) {
			return new JiraIdentity(client);
		}

		@Bean
		IssueApplier jiraIssueApplier(JiraClient client, OutboxRepository outbox, TicketService tickets,
				JiraMapping mapping, IssueBodies bodies, JiraProperties properties, JiraIdentity identity,
				PlatformTransactionManager transactionManager, BugBridgeProperties bugbridge) {
			return new IssueApplier(client, outbox, tickets, mapping, bodies, properties, identity, new TransactionTemplate(transactionManager),
					bugbridge.projectKey());
		}

		@Bean
		Deliverer jiraDeliverer(OutboxRepository outbox, JiraClient client, TicketService tickets, IssueBodies bodies,
				JiraMapping mapping, JiraProperties properties, JiraAvailability availability, JiraMetrics metrics,
				IssueApplier applier, PlatformTransactionManager transactionManager, BugBridgeProperties bugbridge) {
			return new Deliverer(outbox, client, tickets, bodies, mapping, properties, availability, metrics, applier,
					new TransactionTemplate(transactionManager), bugbridge.projectKey());
		}

		@Bean
		OutboxPump jiraOutboxPump(OutboxRepository outbox, Deliverer deliverer, JiraAvailability availability,
				JiraProperties properties) {
			return new OutboxPump(outbox, deliverer, availability, properties.delivery());
		}

		@Bean
		JiraProbe jiraProbe(JiraClient client, JiraAvailability availability, OutboxPump pump,
				JiraProperties properties, JiraMetrics metrics) {
			return new JiraProbe(client, availability, pump, properties.delivery().probeTimeout(), metrics);
		}

		@Bean
		SyncListener jiraSyncListener(OutboxRepository outbox, OutboxPump pump, JiraProperties properties) {
			return new SyncListener(outbox, pump, properties);
		}

		@Bean
		TicketTracker jiraTracker(JiraProperties properties, OutboxRepository outbox, Deliverer deliverer,
				JiraAvailability availability, OutboxPump pump, TicketService tickets, SyncListener sync,
				PlatformTransactionManager transactionManager) {
			return new JiraTracker(properties, outbox, deliverer, availability, pump, tickets, sync,
					new TransactionTemplate(transactionManager));
		}

		/** New tickets get provisional keys ({@code AURA-P42}) until Jira gives them theirs. */
		@Bean
		TicketKeyFormat provisionalTicketKeys() {
			return (projectKey, number) -> projectKey + "-P" + number;
		}

		@Bean
		WebhookProcessor jiraWebhookProcessor(OutboxRepository outbox, IssueApplier applier, JiraIdentity identity,
				JiraMetrics metrics, JiraProperties properties) {
			return new WebhookProcessor(outbox, applier, identity, metrics, properties);
		}

		@Bean
		Reconciler jiraReconciler(JiraClient client, OutboxRepository outbox, IssueApplier applier,
				JiraIdentity identity, JiraProperties properties, PlatformTransactionManager transactionManager, OutboxPump pump,
				BugBridgeProperties bugbridge) {
			return new Reconciler(client, outbox, applier, identity, properties.reconcile(), new TransactionTemplate(transactionManager), pump,
					bugbridge.projectKey());
		}

		@Bean
		DuplicateSweeper jiraDuplicateSweeper(JiraClient client, OutboxRepository outbox, IssueBodies bodies,
				JiraIdentity identity, JiraMetrics metrics, JiraProperties properties, BugBridgeProperties bugbridge) {
			return new DuplicateSweeper(client, outbox, bodies, identity, metrics, properties, bugbridge.projectKey());
		}

		/** Checks booked in the database, so a restart loses none; one node runs each firing. */
		@Bean
		Task<Void> jiraDuplicateCheckTask(JiraProperties properties, ObjectProvider<DuplicateSweeper> sweeper) {
			return Tasks.recurring("jira-duplicate-check", FixedDelay.of(properties.reconcile().duplicateCheckInterval()))
				.execute((instance, context) -> sweeper.getObject().run());
		}

		/** One node runs each firing (db-scheduler); the run itself is safe to overlap anyway. */
		@Bean
		Task<Void> jiraReconcileTask(JiraProperties properties, ObjectProvider<Reconciler> reconciler) {
			return Tasks.recurring("jira-reconcile", FixedDelay.of(properties.reconcile().interval()))
				.execute((instance, context) -> reconciler.getObject().run());
		}

	}

}
