package io.bugbridge.jobs;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.serializer.JacksonSerializer;
import com.github.kagkarlsson.scheduler.task.OnStartup;
import com.github.kagkarlsson.scheduler.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/**
 * Background jobs on db-scheduler: one-time jobs (an analysis, a retried notification) and
 * recurring ones (reports, reconciliation) are rows in {@code scheduled_tasks}. They survive
 * restarts, and each execution runs on exactly one node of a cluster sharing the database.
 *
 * <p>Modules contribute their jobs as {@link Task} beans and schedule them through
 * {@link com.github.kagkarlsson.scheduler.SchedulerClient}. Scheduling joins the caller's
 * transaction, so a job is queued if and only if the change that asked for it commits.
 */
@Configuration(proxyBeanMethods = false)
class JobRunnerConfiguration {

	private static final Logger log = LoggerFactory.getLogger(JobRunnerConfiguration.class);

	@Bean
	@SuppressWarnings({ "unchecked", "rawtypes" })
	Scheduler jobScheduler(DataSource dataSource, ObjectProvider<Task<?>> taskBeans, JobsProperties properties) {
		List<Task<?>> tasks = taskBeans.orderedStream().toList();
		// Recurring tasks register their first execution when the scheduler starts.
		// (startTasks registers them itself; listing them as known tasks too would register them twice).
		List startupTasks = tasks.stream().filter(OnStartup.class::isInstance).toList();
		List<Task<?>> otherTasks = tasks.stream().filter(task -> !(task instanceof OnStartup)).toList();
		ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
			.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
		return Scheduler.create(new TransactionAwareDataSourceProxy(dataSource), otherTasks)
			.startTasks(startupTasks)
			.threads(properties.threads())
			.pollingInterval(properties.pollingInterval())
			// A job whose node died is taken over after six missed heartbeats: three minutes by default,
			// not the library's half an hour, because analyses and deliveries are waited for.
			.heartbeatInterval(properties.heartbeatInterval())
			.missedHeartbeatsLimit(6)
			.shutdownMaxWait(properties.shutdownMaxWait())
			.serializer(new JacksonSerializer(json))
			.enableImmediateExecution()
			.enablePriority()
			.alwaysPersistTimestampInUTC()
			.commitWhenAutocommitDisabled(false)
			.build();
	}

	/**
	 * The client modules inject. It reaches the scheduler lazily, on first use: the scheduler needs
	 * every task bean, and tasks call services that schedule jobs, which would otherwise be a cycle.
	 */
	@Bean
	@Primary
	SchedulerClient schedulerClient(ObjectProvider<Scheduler> scheduler) {
		return (SchedulerClient) Proxy.newProxyInstance(SchedulerClient.class.getClassLoader(),
				new Class<?>[] { SchedulerClient.class }, (proxy, method, args) -> {
					if (method.getDeclaringClass() == Object.class) {
						return method.getName().equals("toString") ? "SchedulerClient (lazy)"
								: method.getName().equals("hashCode") ? System.identityHashCode(proxy) : proxy == args[0];
					}
					try {
						return method.invoke(scheduler.getObject(), args);
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
				});
	}

	@Bean
	SmartLifecycle jobSchedulerLifecycle(Scheduler scheduler, JobsProperties properties) {
		return new SmartLifecycle() {

			private volatile boolean running;

			@Override
			public void start() {
				if (properties.enabled()) {
					scheduler.start();
					log.info("Background jobs run on this node ({} threads)", properties.threads());
				}
				else {
					log.info("Background jobs are disabled on this node (bugbridge.jobs.enabled=false)");
				}
				running = true;
			}

			@Override
			public void stop() {
				if (properties.enabled()) {
					scheduler.stop();
				}
				running = false;
			}

			@Override
			public boolean isRunning() {
				return running;
			}

			@Override
			public int getPhase() {
				// Start after the web server is up and stop before the data source closes.
				return SmartLifecycle.DEFAULT_PHASE - 100;
			}

		};
	}

}
