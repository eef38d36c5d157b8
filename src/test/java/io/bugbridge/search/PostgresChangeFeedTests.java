package io.bugbridge.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.bugbridge.support.ApiTest;
import io.bugbridge.support.OnPostgres;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@ApiTest
@OnPostgres
class PostgresChangeFeedTests extends ChangeFeedContract {

	@Autowired
	JdbcClient jdbc;

	/**
	 * CPU time of this context's PostgreSQL backends (named by their application_name), read from
	 * /proc when the server runs on this machine; -1 when it does not (then no figure is printed).
	 */
	@Override
	long databaseCpuNanos() {
		List<Integer> pids = jdbc.sql("SELECT pid FROM pg_stat_activity"
				+ " WHERE application_name = current_setting('application_name')").query(Integer.class).list();
		long ticks = 0;
		for (int pid : pids) {
			try {
				String stat = Files.readString(Path.of("/proc", Integer.toString(pid), "stat"));
				// Fields after the command (which may hold spaces): utime and stime are the 14th and 15th.
				String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
				ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
			}
			catch (IOException | RuntimeException ex) {
				return -1;
			}
		}
		// USER_HZ is 100 on Linux.
		return ticks * 10_000_000L;
	}

}
