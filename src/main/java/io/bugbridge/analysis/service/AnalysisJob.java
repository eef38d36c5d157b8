package io.bugbridge.analysis.service;

import java.time.Clock;

import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.bugbridge.analysis.AnalysisFinished;
import io.bugbridge.analysis.AnalysisProgressed;
import io.bugbridge.analysis.Readiness;
import io.bugbridge.analysis.BugAnalysis.State;
import io.bugbridge.analysis.BugReport;
import io.bugbridge.analysis.CodeLocalizer;
import io.bugbridge.analysis.IndexedCommit;
import io.bugbridge.analysis.Localization;
import io.bugbridge.ticket.Actor;
import io.bugbridge.ticket.Ticket;
import io.bugbridge.ticket.TicketService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs one queued analysis: reads the repository's branch, indexes what changed, ranks the files,
 * writes the analysis, stores it and posts it on the ticket as an internal comment. A failure is
 * recorded on the analysis (and the ticket may be analysed again); it is not retried blindly.
 */
@Component
class AnalysisJob {

	static final TaskDescriptor<Long> TASK = TaskDescriptor.of("bug-analysis", Long.class);

	static final Actor ANALYST = new Actor(null, null, "BugBridge analysis", Actor.Kind.SYSTEM);

	private static final Logger log = LoggerFactory.getLogger(AnalysisJob.class);

	private final AnalysisStore store;

	private final TicketService tickets;

	private final io.bugbridge.tracker.TicketTracker tracker;

	private final CodeRepositories repositories;

	private final AnalysisProperties properties;

	private final TransactionTemplate transactions;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final ClaudeAnalysisStep claude;

	AnalysisJob(AnalysisStore store, TicketService tickets, io.bugbridge.tracker.TicketTracker tracker,
			CodeRepositories repositories, AnalysisProperties properties, TransactionTemplate transactions,
			ApplicationEventPublisher events, Clock clock, ClaudeAnalysisStep claude) {
		this.claude = claude;
		this.store = store;
		this.tickets = tickets;
		this.tracker = tracker;
		this.repositories = repositories;
		this.properties = properties;
		this.transactions = transactions;
		this.events = events;
		this.clock = clock;
	}

	void run(long analysisId) {
		Long ticketId = store.ticketOf(analysisId).orElse(null);
		if (ticketId == null || store.find(analysisId).map(a -> a.state().finished()).orElse(true)) {
			// Already stored: the job was revived because its node died after storing the analysis but
			// before marking the job done. Running it again would post a second comment and pay Claude twice.
			return;
		}
		try {
			Ticket ticket = tickets.findById(ticketId).orElseThrow();
			var repository = repositories.byName(store.codebaseOf(analysisId).orElse(null))
				.orElseGet(() -> repositories.resolve(null));
			progress(analysisId, 10, "Reading " + repository.name());
			CodeLocalizer localizer = repositories.localizer(repository);
			progress(analysisId, 30, "Indexing the code of " + repository.name());
			try (IndexedCommit commit = localizer.index(CodeRepositories.revision(repository))) {
				progress(analysisId, 70, "Ranking " + commit.fileCount() + " files");
				Localization localization = commit.rank(new BugReport(ticket.summary(), reportBody(ticket)),
						Math.max(properties.files(), 10));
				AnalysisWriter.Result offline = AnalysisWriter.write(ticket, repository.name(), localization,
						properties.files());
				Readiness readiness = ReadinessAssessor.assess(ticket, true, localization.confidence(),
						claude.autoThreshold());
				Finished finished = claude.wanted(store.automatic(analysisId), readiness)
						? claude.analyse(analysisId, ticket, repository, commit, localization, offline, readiness,
								(percent, line) -> progress(analysisId, percent, line))
						: new Finished(offline, withReadiness(AnalysisStore.Outcome.offline(), readiness));
				transactions.executeWithoutResult(tx -> {
					store.finish(analysisId, commit.commit(), finished.result(), finished.outcome(), clock.instant());
					tracker.postInternalComment(ticket.key(), finished.result().text(), ANALYST);
				});
			}
			log.info("Analysed {} ({})", ticket.key(), repository.name());
		}
		catch (Exception ex) {
			log.warn("Analysis {} failed", analysisId, ex);
			transactions.executeWithoutResult(tx -> store.fail(analysisId, ex.getMessage() == null
					? ex.getClass().getSimpleName() : ex.getMessage(), clock.instant()));
		}
		store.find(analysisId).ifPresent(analysis -> {
			events.publishEvent(new AnalysisProgressed(analysis));
			if (analysis.state().finished()) {
				events.publishEvent(new AnalysisFinished(analysis));
			}
		});
	}

	private static AnalysisStore.Outcome withReadiness(AnalysisStore.Outcome outcome, Readiness readiness) {
		return new AnalysisStore.Outcome(outcome.engine(), outcome.model(), outcome.usage(), readiness.score(),
				outcome.understanding(), outcome.dropped(), outcome.error());
	}

	/** What a finished analysis stores and posts. */
	record Finished(AnalysisWriter.Result result, AnalysisStore.Outcome outcome) {
	}

	/** Everything the reporter wrote, so stack traces and error text in any field count. */
	static String reportBody(Ticket ticket) {
		StringBuilder body = new StringBuilder();
		for (String part : new String[] { ticket.description(), ticket.stepsToReproduce(), ticket.expectedBehavior(),
				ticket.actualBehavior(), ticket.environment() }) {
			if (part != null && !part.isBlank()) {
				body.append(part).append("\n\n");
			}
		}
		return body.toString();
	}

	void progress(long analysisId, int percent, String message) {
		transactions.executeWithoutResult(tx -> store.progress(analysisId, State.RUNNING, percent, message, clock.instant()));
		store.find(analysisId).ifPresent(analysis -> events.publishEvent(new AnalysisProgressed(analysis)));
	}

	@Configuration(proxyBeanMethods = false)
	static class AnalysisTaskConfiguration {

		@Bean
		OneTimeTask<Long> bugAnalysisTask(org.springframework.beans.factory.ObjectProvider<AnalysisJob> job) {
			return Tasks.oneTime(TASK).execute((instance, context) -> job.getObject().run(instance.getData()));
		}

	}

}
