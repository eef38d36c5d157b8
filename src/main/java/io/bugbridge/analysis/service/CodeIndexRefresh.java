package io.bugbridge.analysis.service;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.bugbridge.analysis.IndexedCommit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps this node's code indexes warm: fetches remote repositories and indexes the analysed branch
 * in the background, so an analysis rarely has to index much itself and requests never wait for
 * it. Runs on every node (each has its own index), not as a cluster-wide job.
 */
@Component
class CodeIndexRefresh implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(CodeIndexRefresh.class);

	private final CodeRepositories repositories;

	private final AnalysisProperties properties;

	private ScheduledExecutorService executor;

	CodeIndexRefresh(CodeRepositories repositories, AnalysisProperties properties) {
		this.repositories = repositories;
		this.properties = properties;
	}

	void refresh() {
		for (String name : repositories.names()) {
			var repository = repositories.byName(name).orElseThrow();
			long started = System.nanoTime();
			try (IndexedCommit commit = repositories.localizer(repository).index(CodeRepositories.revision(repository))) {
				if (commit.analysedFiles() > 0 || commit.embeddedFiles() > 0) {
					log.info("Indexed {} new or changed files of {} at {} ({} file summaries embedded) in {} ms",
							commit.analysedFiles(), name, commit.commit().substring(0, 10), commit.embeddedFiles(),
							(System.nanoTime() - started) / 1_000_000);
				}
			}
			catch (Exception ex) {
				log.warn("Refreshing the code index of {} failed: {}", name, ex.getMessage());
			}
		}
	}

	@Override
	public void start() {
		if (repositories.isEmpty()) {
			return;
		}
		executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
			Thread thread = new Thread(runnable, "code-index-refresh");
			thread.setDaemon(true);
			thread.setPriority(Thread.MIN_PRIORITY);
			return thread;
		});
		long period = Math.max(1, properties.fetchInterval().toSeconds());
		executor.scheduleWithFixedDelay(this::refresh, 5, period, TimeUnit.SECONDS);
	}

	@Override
	public void stop() {
		if (executor != null) {
			executor.shutdownNow();
			executor = null;
		}
	}

	@Override
	public boolean isRunning() {
		return executor != null;
	}

}
