package io.bugbridge.cli;

import java.io.IOException;
import java.net.URI;
import java.net.HttpURLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

import io.bugbridge.security.JwtSecret;
import io.bugbridge.security.Role;
import io.bugbridge.security.TokenMinter;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Measures the read endpoints at scale: generates tickets into a database (once; later runs reuse
 * them), starts the service on it, and prints p50/p95/p99 latencies of stats, a filtered admin
 * search, a full-text search and my-tickets, from one client and from many at once. With
 * {@code --pass-through} it measures the brief's original design against a Jira instead.
 */
@Command(name = "api", mixinStandardHelpOptions = true,
		description = "Benchmark stats, admin search, full-text search and my-tickets over generated tickets.")
class ApiBenchCommand implements Callable<Integer> {

	@Option(names = "--tickets", defaultValue = "1000000", description = "Tickets to generate. Default: ${DEFAULT-VALUE}.")
	int tickets;

	@Option(names = "--jdbc-url", description = "Database; default an H2 file under --data-dir.")
	String jdbcUrl;

	@Option(names = "--user", defaultValue = "", description = "Database user.")
	String user;

	@Option(names = "--password", defaultValue = "", description = "Database password.")
	String password;

	@Option(names = "--data-dir", defaultValue = "target/bench-api", description = "Working directory. Default: ${DEFAULT-VALUE}.")
	Path dataDir;

	@Option(names = "--requests", defaultValue = "500", description = "Measured requests per endpoint and mode. Default: ${DEFAULT-VALUE}.")
	int requests;

	@Option(names = "--concurrency", defaultValue = "16", description = "Clients in the concurrent mode. Default: ${DEFAULT-VALUE}.")
	int concurrency;

	@Option(names = "--customers", defaultValue = "5000", description = "Customer accounts in the generated data. Default: ${DEFAULT-VALUE}.")
	int customers;

	@Option(names = "--endpoints", split = ",", description = "Only these endpoints: stats, admin-search, full-text, my-tickets. Default: all.")
	List<String> only;

	@Option(names = "--no-sync-stats", description = "Do not run sync-stats before measuring.")
	boolean noSyncStats;

	@Mixin
	PassThroughBench passThrough;

	static {
		// The clients keep their connections open; the JDK's default keeps only 5 per server.
		System.setProperty("http.maxConnections", "256");
	}

	@Override
	public Integer call() throws Exception {
		if (passThrough.enabled) {
			return passThrough.run(requests, concurrency);
		}
		Files.createDirectories(dataDir);
		String url = jdbcUrl != null ? jdbcUrl
				: "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("bugbridge")
						+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;CACHE_SIZE=262144";
		String secret = "bench-secret-" + "x".repeat(40);
		String database = url.startsWith("jdbc:h2") ? "H2" : "PostgreSQL";
		System.out.printf("database=%s tickets=%d customers=%d cores=%d%n", database, tickets, customers,
				Runtime.getRuntime().availableProcessors());

		boolean generated = false;
		try (ConfigurableApplicationContext loader = start(url, secret, false)) {
			JdbcClient jdbc = loader.getBean(JdbcClient.class);
			long existing = jdbc.sql("SELECT COUNT(*) FROM ticket").query(Long.class).single();
			// Scheduled jobs due while the service was down would run at start, in the middle of the
			// measurement; the benchmark runs sync-stats itself instead.
			jdbc.sql("DELETE FROM scheduled_tasks WHERE task_name IN ('check-stale-tickets', 'weekly-report', 'sync-stats')")
				.update();
			if (existing < tickets) {
				long started = System.nanoTime();
				new TicketGenerator(loader.getBean(javax.sql.DataSource.class), customers).generate(existing, tickets);
				System.out.printf("generated %d tickets in %d s%n", tickets - existing,
						Duration.ofNanos(System.nanoTime() - started).toSeconds());
				generated = true;
			}
		}
		if (generated) {
			// Rows written straight into the tables bypass the change feed: rebuild the index on start.
			deleteRecursively(dataDir.resolve("index"));
			if (database.equals("H2")) {
				compact(url);
			}
		}
		long startedAt = System.nanoTime();
		try (ConfigurableApplicationContext service = start(url, secret, true)) {
			int port = ((WebServerApplicationContext) service).getWebServer().getPort();
			String base = "http://localhost:" + port;
			JwtSecret jwt = new JwtSecret(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), null, false);
			TokenMinter minter = new TokenMinter(jwt);
			String admin = minter.mint("bench-admin", "admin@bench.example", null, List.of(Role.ADMIN), Duration.ofHours(6));
			awaitSearchReady(base, admin);
			System.out.printf("service ready (search index built) in %d s%n",
					Duration.ofNanos(System.nanoTime() - startedAt).toSeconds());
			if (!noSyncStats) {
				long sync = System.nanoTime();
				send(base + "/api/jira/admin/sync-stats", admin, "POST");
				System.out.printf("sync-stats took %d ms%n", Duration.ofNanos(System.nanoTime() - sync).toMillis());
			}

			String[] customerTokens = new String[200];
			for (int i = 0; i < customerTokens.length; i++) {
				int customer = i * (customers / customerTokens.length);
				customerTokens[i] = minter.mint("bench-user-" + customer, "user" + customer + "@bench.example",
						TicketGenerator.customerId(customer), List.of(Role.CUSTOMER), Duration.ofHours(6));
			}
			List<Endpoint> endpoints = List.of(
					new Endpoint("stats", "stats", r -> new Call(base + "/api/jira/admin/stats", admin)),
					new Endpoint("admin-search", "admin search (filters)", r -> new Call(base + "/api/jira/admin/issues?"
							+ TicketGenerator.randomFilters(r) + "&max_results=50", admin)),
					new Endpoint("full-text", "full-text search", r -> new Call(base + "/api/jira/admin/issues?q="
							+ TicketGenerator.randomWords(r) + "&max_results=50", admin)),
					new Endpoint("my-tickets", "my-tickets", r -> new Call(base + "/api/jira/my-tickets?max_results=50"
							+ (r.nextInt(3) == 0 ? "&status=Open" : ""), customerTokens[r.nextInt(customerTokens.length)])));
			System.out.println();
			System.out.printf("%-24s %-12s %8s %8s %8s %8s %10s%n", "endpoint", "mode", "p50_ms", "p95_ms", "p99_ms",
					"max_ms", "req/s");
			for (Endpoint endpoint : endpoints) {
				if (only != null && !only.contains(endpoint.id())) {
					continue;
				}
				// Warm up (JIT, caches, connection pool) the way it is then measured.
				run(endpoint, 1, Math.max(100, requests / 2), false);
				run(endpoint, concurrency, Math.max(200, requests), false);
				print(endpoint.name(), "1 client", run(endpoint, 1, requests, true));
				print(endpoint.name(), concurrency + " clients", run(endpoint, concurrency, requests, true));
			}
		}
		return 0;
	}

	private ConfigurableApplicationContext start(String url, String secret, boolean web) {
		List<String> args = new ArrayList<>(List.of("--spring.datasource.url=" + url,
				"--spring.datasource.username=" + user, "--spring.datasource.password=" + password,
				"--bugbridge.data-dir=" + dataDir.toAbsolutePath(), "--bugbridge.jwt.secret=" + secret,
				"--spring.datasource.hikari.maximum-pool-size=" + (concurrency + 4),
				"--logging.level.root=WARN", "--logging.level.io.bugbridge=INFO", "--bugbridge.signin.demo-users=false", "--spring.main.banner-mode=off",
				// Scheduled reports would land at random points of the measurement; sync-stats runs once before it.
				"--bugbridge.admin.stale-tickets-cron=-", "--bugbridge.admin.weekly-report-cron=-",
				"--bugbridge.admin.sync-stats-cron=-",
				// The load generator is one client sending thousands of requests a minute: the service's
				// per-user rate limits would measure themselves, not the endpoints.
				"--bugbridge.rate-limit.enabled=false"));
		// The loader is the service's own web context without a port, so it needs exactly the beans the
		// service needs (the pages' controllers included).
		args.add(web ? "--server.port=0" : "--server.port=-1");
		if (!web) {
			args.add("--bugbridge.jobs.enabled=false");
		}
		return new SpringApplicationBuilder(BugBridgeCli.application()).run(args.toArray(String[]::new));
	}

	private void awaitSearchReady(String base, String admin) throws Exception {
		while (true) {
			Response response = send(base + "/api/jira/admin/issues?max_results=1", admin, "GET");
			if (response.status() == 200) {
				return;
			}
			Thread.sleep(1000);
		}
	}

	private long[] run(Endpoint endpoint, int clients, int total, boolean measure) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		try {
			List<Future<long[]>> futures = new ArrayList<>();
			int perClient = Math.max(1, total / clients);
			for (int c = 0; c < clients; c++) {
				int seed = c;
				futures.add(pool.submit(() -> {
					Random random = new Random(seed * 7919L + endpoint.name().hashCode());
					long[] latencies = new long[perClient];
					for (int i = 0; i < perClient; i++) {
						Call call = endpoint.calls().apply(random);
						long started = System.nanoTime();
						Response response = send(call.url(), call.token(), "GET");
						latencies[i] = System.nanoTime() - started;
						if (response.status() != 200) {
							throw new IllegalStateException(call.url() + " answered " + response.status() + ": "
									+ response.body());
						}
					}
					return latencies;
				}));
			}
			long started = System.nanoTime();
			List<Long> all = new ArrayList<>();
			for (Future<long[]> future : futures) {
				for (long latency : future.get()) {
					all.add(latency);
				}
			}
			long elapsed = System.nanoTime() - started;
			long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
			return measure ? new long[] { percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99),
					sorted[sorted.length - 1], sorted.length * 1_000_000_000L / Math.max(1, elapsed) } : null;
		}
		finally {
			pool.shutdownNow();
		}
	}

	private static long percentile(long[] sorted, int p) {
		int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
	}

	private static void print(String name, String mode, long[] figures) {
		System.out.printf(Locale.ROOT, "%-24s %-12s %8.1f %8.1f %8.1f %8.1f %10d%n", name, mode, figures[0] / 1e6,
				figures[1] / 1e6, figures[2] / 1e6, figures[3] / 1e6, figures[4]);
	}

	/**
	 * One request on a kept-alive connection. The load runs in this process, on the same two cores
	 * as the service, so the client has to be cheap: a blocking HttpURLConnection costs a fraction
	 * of java.net.http.HttpClient's CPU (which took about 40 % of the samples when measuring stats).
	 */
	private static Response send(String url, String token, String method) throws IOException {
		HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
		connection.setConnectTimeout(10_000);
		connection.setReadTimeout(300_000);
		connection.setRequestMethod(method);
		connection.setRequestProperty("Authorization", "Bearer " + token);
		if (method.equals("POST")) {
			connection.setDoOutput(true);
			connection.getOutputStream().close();
		}
		int status = connection.getResponseCode();
		// Reading the body to its end hands the connection back for the next request.
		try (var body = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
			byte[] bytes = body == null ? new byte[0] : body.readAllBytes();
			return new Response(status, status == 200 ? "" : new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
		}
	}

	/**
	 * A freshly bulk-loaded H2 file is mostly garbage (7 GB for 1 GB of data here), and H2 would
	 * spend the measurement compacting it in the background; a database that grew over months
	 * has long settled. Like VACUUM on PostgreSQL, this puts the generated database in that state.
	 */
	private void compact(String url) throws java.sql.SQLException {
		long started = System.nanoTime();
		try (java.sql.Connection connection = java.sql.DriverManager.getConnection(url, user, password);
				java.sql.Statement sql = connection.createStatement()) {
			sql.execute("SHUTDOWN COMPACT");
		}
		System.out.printf("compacted the database in %d s%n", Duration.ofNanos(System.nanoTime() - started).toSeconds());
	}

	private static void deleteRecursively(Path path) throws IOException {
		if (Files.exists(path)) {
			try (var files = Files.walk(path)) {
				files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
			}
		}
	}

	private record Endpoint(String id, String name, Function<Random, Call> calls) {
	}

	private record Call(String url, String token) {
	}

	private record Response(int status, String body) {
	}

}
