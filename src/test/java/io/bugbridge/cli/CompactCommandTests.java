package io.bugbridge.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class CompactCommandTests {

	@TempDir
	Path dataDir;

	String url() {
		return "jdbc:h2:file:" + dataDir.resolve("bugbridge") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
	}

	@Test
	void shrinksAFileGrownByManySmallTransactionsAndKeepsItsRows() throws Exception {
		// No compacting on close, as when a service is killed or its shutdown compaction runs out of time.
		try (Connection connection = DriverManager.getConnection(url() + ";MAX_COMPACT_TIME=0", "", "");
				Statement sql = connection.createStatement()) {
			sql.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, k VARCHAR(40), body VARCHAR(400))");
			sql.execute("CREATE INDEX t_k ON t (k)");
			PreparedStatement insert = connection.prepareStatement("INSERT INTO t VALUES (?, ?, ?)");
			// One commit per row with keys all over the index, as intake from many customers writes.
			for (int i = 0; i < 20_000; i++) {
				insert.setLong(1, i);
				insert.setString(2, "cust-" + (i * 7919 % 5000));
				insert.setString(3, "x".repeat(300));
				insert.executeUpdate();
			}
		}
		long before = Files.size(dataDir.resolve("bugbridge.mv.db"));

		int exit = BugBridgeCli.run(new String[] { "compact", "--data-dir", dataDir.toString() });

		assertThat(exit).isZero();
		assertThat(Files.size(dataDir.resolve("bugbridge.mv.db"))).isLessThan(before);
		try (Connection connection = DriverManager.getConnection(url(), "", "");
				ResultSet rows = connection.createStatement().executeQuery("SELECT COUNT(*) FROM t")) {
			rows.next();
			assertThat(rows.getLong(1)).isEqualTo(20_000);
		}
	}

	@Test
	void refusesADirectoryWithoutADatabaseInsteadOfCreatingOne() throws Exception {
		int exit = BugBridgeCli.run(new String[] { "compact", "--data-dir", dataDir.toString() });

		assertThat(exit).isEqualTo(2);
		assertThat(Files.exists(dataDir.resolve("bugbridge.mv.db"))).isFalse();
	}

}
