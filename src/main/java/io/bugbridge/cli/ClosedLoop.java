package io.bugbridge.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Closed-loop load: each client sends its next request when the previous one is answered. A
 * request that throws counts as an error, with its time still in the latencies (a user waited
 * that long for an error page).
 */
public final class ClosedLoop {

	/** One request; {@code client} is 0..clients-1, {@code random} is the client's own. */
	@FunctionalInterface
	public interface Request {

		void send(int client, Random random) throws Exception;

	}

	/** Latencies in milliseconds, throughput in requests per second, and the first error seen. */
	public record Figures(int requests, int errors, double p50, double p95, double p99, double max, double perSecond,
			String firstError) {

		public String line() {
			return String.format(Locale.ROOT, "n=%d errors=%d p50=%.1f p95=%.1f p99=%.1f max=%.1f req/s=%.1f", requests,
					errors, p50, p95, p99, max, perSecond);
		}

	}

	private ClosedLoop() {
	}

	/** Runs {@code total} requests spread over {@code clients} clients (at least one each). */
	public static Figures run(int clients, int total, long seed, Request request) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		try {
			int perClient = Math.max(1, total / clients);
			List<Future<Outcome>> futures = new ArrayList<>();
			long started = System.nanoTime();
			for (int c = 0; c < clients; c++) {
				int client = c;
				futures.add(pool.submit(() -> {
					Random random = new Random(seed * 7919L + client);
					long[] latencies = new long[perClient];
					int errors = 0;
					String firstError = null;
					for (int i = 0; i < perClient; i++) {
						long start = System.nanoTime();
						try {
							request.send(client, random);
						}
						catch (Exception ex) {
							errors++;
							firstError = firstError != null ? firstError : ex.toString();
						}
						latencies[i] = System.nanoTime() - start;
					}
					return new Outcome(latencies, errors, firstError);
				}));
			}
			List<Long> all = new ArrayList<>();
			int errors = 0;
			String firstError = null;
			for (Future<Outcome> future : futures) {
				Outcome outcome = future.get();
				Arrays.stream(outcome.latencies()).forEach(all::add);
				errors += outcome.errors();
				firstError = firstError != null ? firstError : outcome.firstError();
			}
			long elapsed = System.nanoTime() - started;
			long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
			return new Figures(sorted.length, errors, ms(percentile(sorted, 50)), ms(percentile(sorted, 95)),
					ms(percentile(sorted, 99)), ms(sorted[sorted.length - 1]), sorted.length * 1e9 / Math.max(1, elapsed),
					firstError);
		}
		finally {
			pool.shutdownNow();
		}
	}

	static long percentile(long[] sorted, int p) {
		int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
	}

	private static double ms(long nanos) {
		return nanos / 1e6;
	}

	private record Outcome(long[] latencies, int errors, String firstError) {
	}

}
