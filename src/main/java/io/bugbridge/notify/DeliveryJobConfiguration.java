package io.bugbridge.notify;

import java.time.Duration;
import java.time.Instant;

import com.github.kagkarlsson.scheduler.task.AbstractTask;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.DeadExecutionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.SchedulableInstance;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The background job that delivers queued notifications (see {@link Deliverer}). */
@Configuration(proxyBeanMethods = false)
class DeliveryJobConfiguration {

	@Bean
	Task<Delivery> notificationDeliveryTask(Deliverer deliverer) {
		return new DeliveryTask(deliverer);
	}

	/**
	 * A one-time job whose outcome decides what happens next: done, or run again later. Retries are
	 * the {@link Deliverer}'s (it counts attempts in the notification table); the failure handler
	 * only covers surprises such as the database being away mid-delivery.
	 */
	static final class DeliveryTask extends AbstractTask<Delivery> {

		private final Deliverer deliverer;

		DeliveryTask(Deliverer deliverer) {
			super(Outbox.DELIVERY.getTaskName(), Delivery.class,
					new FailureHandler.OnFailureRetryLater<>(Duration.ofMinutes(1)),
					new DeadExecutionHandler.ReviveDeadExecution<>());
			this.deliverer = deliverer;
		}

		@Override
		public CompletionHandler<Delivery> execute(TaskInstance<Delivery> instance, ExecutionContext context) {
			return deliverer.deliver(instance.getData());
		}

		@Override
		public SchedulableInstance<Delivery> schedulableInstance(String id) {
			return SchedulableInstance.of(instance(id), Instant.now());
		}

		@Override
		public SchedulableInstance<Delivery> schedulableInstance(String id, Delivery data) {
			return SchedulableInstance.of(instance(id, data), Instant.now());
		}

	}

}
