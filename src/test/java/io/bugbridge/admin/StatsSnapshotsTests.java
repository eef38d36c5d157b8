package io.bugbridge.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first statistics snapshot is computed by whichever request or node asks first; several at
 * once used to all insert it, and all but one answered 500 (seen in the soak).
 */
class StatsSnapshotsTests {

	@Test
	void requestsSavingTheFirstSnapshotAtOnceAllSucceed() throws Exception {
		JdbcDataSource dataSource = new JdbcDataSource();
		dataSource.setURL("jdbc:h2:mem:stats-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		Flyway.configure()
			.dataSource(dataSource)
			.locations("classpath:db/migration/common", "classpath:db/migration/h2")
			.load()
			.migrate();
		JdbcClient jdbc = JdbcClient.create(dataSource);
		StatsSnapshots snapshots = new StatsSnapshots(jdbc);
		int threads = 8;
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			for (int round = 0; round < 20; round++) {
				jdbc.sql("DELETE FROM stats_snapshot").update();
				CyclicBarrier start = new CyclicBarrier(threads);
				List<Future<?>> saves = new ArrayList<>();
				for (int t = 0; t < threads; t++) {
					long ratings = t;
					saves.add(pool.submit(() -> {
						start.await();
						snapshots.save(new StatsSnapshot(Instant.now(), 30, Duration.ofMinutes(5), null, 1, 0, 1, 0, 0,
								ratings, 0));
						return null;
					}));
				}
				for (Future<?> save : saves) {
					save.get(); // throws if a save failed
				}
				assertThat(snapshots.latest()).isPresent();
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

}
