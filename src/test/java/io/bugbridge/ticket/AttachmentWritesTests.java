package io.bugbridge.ticket;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.dao.TransientDataAccessException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AttachmentWritesTests {

	@Test
	void uploadsBeyondTheBoundWaitTheirTurnAndAreAllStored() throws Exception {
		AttachmentWrites writes = new AttachmentWrites(2, Duration.ofMinutes(1));
		AtomicInteger inside = new AtomicInteger();
		AtomicInteger mostInside = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			var stored = new java.util.ArrayList<Future<Integer>>();
			for (int i = 0; i < 8; i++) {
				int upload = i;
				stored.add(pool.submit(() -> writes.run(() -> {
					mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
					try {
						Thread.sleep(20);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
					inside.decrementAndGet();
					return upload;
				})));
			}
			for (int i = 0; i < 8; i++) {
				assertThat(stored.get(i).get(1, TimeUnit.MINUTES)).isEqualTo(i);
			}
			assertThat(mostInside.get()).isEqualTo(2);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void anUploadThatWaitsTooLongIsRefusedAsTransientAndNothingRuns() throws Exception {
		AttachmentWrites writes = new AttachmentWrites(1, Duration.ofMillis(100));
		CountDownLatch holding = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		ExecutorService pool = Executors.newSingleThreadExecutor();
		try {
			pool.submit(() -> writes.run(() -> {
				holding.countDown();
				try {
					return release.await(1, TimeUnit.MINUTES);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return false;
				}
			}));
			assertThat(holding.await(1, TimeUnit.MINUTES)).isTrue();
			AtomicInteger ran = new AtomicInteger();
			// A TransientDataAccessException: the API and the pages answer 503 with Retry-After.
			assertThatThrownBy(() -> writes.run(ran::incrementAndGet)).isInstanceOf(TransientDataAccessException.class)
				.hasMessageContaining("Too many uploads");
			assertThat(ran).hasValue(0);
			release.countDown();
			// The permit comes back: the next upload is stored.
			assertThat(writes.run(() -> "stored")).isEqualTo("stored");
		}
		finally {
			release.countDown();
			pool.shutdownNow();
		}
	}

}
