package io.bugbridge.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time used by processes, read from {@code /proc/<pid>/stat} (Linux). On a shared machine the
 * rate a benchmark reaches depends on what else runs; CPU per request does much less, so the
 * capacity benchmark reports CPU seconds of the service, the load generator and PostgreSQL.
 */
final class ProcCpu {

	/** USER_HZ: the unit of utime and stime; 100 on every Linux this runs on. */
	private static final double TICK_MS = 10;

	private ProcCpu() {
	}

	/** User + system CPU of one process (all its threads) in ms, or 0 when it is gone. */
	static double ms(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
			// The command name (field 2) may hold spaces; the fields after it are space separated.
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * TICK_MS;
		}
		catch (IOException | RuntimeException gone) {
			return 0;
		}
	}

	static double ms(List<Long> pids) {
		return pids.stream().mapToDouble(ProcCpu::ms).sum();
	}

	/** This JVM's CPU in ms (the load generator). */
	static double self() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime() / 1e6;
	}

	/**
	 * CPU ms per PostgreSQL backend serving {@code database} (its process title is "postgres: …
	 * user database host state"); shared processes (WAL writer, checkpointer) serve every database
	 * on the server and are left out.
	 */
	static Map<Long, Double> postgresBackends(String database) {
		Map<Long, Double> cpu = new HashMap<>();
		if (database == null) {
			return cpu;
		}
		try (var processes = Files.list(Path.of("/proc"))) {
			processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(p -> {
				try {
					String title = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
					if (title.startsWith("postgres: ") && title.contains(" " + database + " ")) {
						long pid = Long.parseLong(p.getFileName().toString());
						cpu.put(pid, ms(pid));
					}
				}
				catch (IOException | RuntimeException gone) {
					// The process ended while being read.
				}
			});
		}
		catch (IOException ex) {
			return cpu;
		}
		return cpu;
	}

	/** CPU ms the backends used between two readings (a backend that started in between counts from 0). */
	static double between(Map<Long, Double> before, Map<Long, Double> after) {
		return after.entrySet().stream().mapToDouble(e -> e.getValue() - before.getOrDefault(e.getKey(), 0.0)).sum();
	}

}
