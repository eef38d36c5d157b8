package io.bugbridge.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

import io.bugbridge.cli.ClosedLoop.Figures;
import io.bugbridge.security.JwtSecret;
import io.bugbridge.security.Role;
import io.bugbridge.security.TokenMinter;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Capacity at a latency target: starts one or more service nodes as processes on one database,
 * then raises the number of closed-loop clients step by step for reads (my tickets, ticket details,
 * admin search, in turn) and for bug reports, and prints each step's p99, rate and the CPU the
 * service, PostgreSQL's backends and this load generator used per request. The capacity is the
 * highest rate of a step whose p99 stays within the target.
 */
@Command(name = "capacity", mixinStandardHelpOptions = true,
		description = "Reads/s and submissions/s at a p99 target with 1 or more nodes, with CPU per request and heap.")
class CapacityBenchCommand implements Callable<Integer> {

	@Option(names = "--jdbc-url", description = "Database shared by the nodes; default the embedded H2 file (1 node).")
	String jdbcUrl;

	@Option(names = "--user", defaultValue = "", description = "Database user.")
	String user;

	@Option(names = "--password", defaultValue = "", description = "Database password.")
	String password;

	@Option(names = "--nodes", defaultValue = "1", description = "Service processes. Default: ${DEFAULT-VALUE}.")
	int nodes;

	@Option(names = "--heap", description = "-Xmx of each node, e.g. 256m. Default: the JVM's.")
	String heap;

	@Option(names = "--tickets", defaultValue = "100000", description = "Tickets to generate. Default: ${DEFAULT-VALUE}.")
	int tickets;

	@Option(names = "--customers", defaultValue = "1000", description = "Customer accounts. Default: ${DEFAULT-VALUE}.")
	int customers;

	@Option(names = "--requests", defaultValue = "3000", description = "Requests per step. Default: ${DEFAULT-VALUE}.")
	int requests;

	@Option(names = "--clients", split = ",", defaultValue = "1,2,4,8,16,32", description = "Steps. Default: ${DEFAULT-VALUE}.")
	List<Integer> steps;

	@Option(names = "--p99-ms", defaultValue = "100", description = "Latency target. Default: ${DEFAULT-VALUE}.")
	double target;

	@Option(names = "--data-dir", defaultValue = "target/bench-capacity", description = "Working directory. Default: ${DEFAULT-VALUE}.")
	Path dataDir;

	@Option(names = "--jar", description = "The service jar. Default: the one running this command.")
	Path jar;

	@Option(names = "--floor", description = "Also measure the web stack's floor: the same submission with an empty"
			+ " summary, which the service refuses (400) after authentication, JSON parsing and validation, before any"
			+ " database work.")
	boolean floor;

	@Override
	public Integer call() throws Exception {
		Files.createDirectories(dataDir);
		if (jdbcUrl == null && nodes > 1) {
			throw new IllegalArgumentException("--nodes > 1 needs a shared database (--jdbc-url); the H2 file is one process's");
		}
		Path serviceJar = jar != null ? jar : Path.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator)[0]);
		String secret = "bench-secret-" + "x".repeat(40);
		String database = jdbcUrl == null ? null : jdbcUrl.replaceAll("^.*/([^/?]+)(\\?.*)?$", "$1");
		System.out.printf(Locale.ROOT, "database=%s nodes=%d heap=%s tickets=%d cores=%d load_average=%.1f%n",
				jdbcUrl == null ? "H2 (embedded default)" : "PostgreSQL " + database, nodes, heap == null ? "default" : heap,
				tickets, Runtime.getRuntime().availableProcessors(),
				java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

		List<String[]> sample = prepare(secret);
		TokenMinter minter = new TokenMinter(new JwtSecret(secret.getBytes(StandardCharsets.UTF_8), null, false));
		String admin = minter.mint("bench-admin", "admin@bench.example", null, List.of(Role.ADMIN), Duration.ofHours(6));
		Map<String, String> tokens = new java.util.HashMap<>();
		for (String[] row : sample) {
			tokens.computeIfAbsent(row[1], customer -> minter.mint("bench-" + customer, customer + "@bench.example", customer,
					List.of(Role.CUSTOMER), Duration.ofHours(6)));
		}

		List<NodeProcess> started = new ArrayList<>();
		try {
			for (int n = 0; n < nodes; n++) {
				started.add(NodeProcess.start(serviceJar, heap, settings(n, secret), dataDir.resolve("node-" + n + ".log")));
			}
			for (NodeProcess node : started) {
				node.awaitReady(admin, Duration.ofMinutes(10));
			}
			for (NodeProcess node : started) {
				System.out.printf(Locale.ROOT, "node pid %d: heap after start (after GC) %.0f MiB%n", node.pid(), node.heapAfterGcMib());
			}
			AtomicInteger next = new AtomicInteger();
			// A load balancer's round robin: each request goes to the next node.
			java.util.function.Supplier<String> base = () -> started.get(Math.floorMod(next.getAndIncrement(), nodes)).base();
			ClosedLoop.Request reads = (client, random) -> {
				String[] row = sample.get(random.nextInt(sample.size()));
				String url = switch (random.nextInt(3)) {
					case 0 -> base.get() + "/api/jira/my-tickets?max_results=50";
					case 1 -> base.get() + "/api/jira/ticket/" + row[0];
					default -> base.get() + "/api/jira/admin/issues?" + TicketGenerator.randomFilters(random) + "&max_results=50";
				};
				HttpCall.expect(200, "GET", url, url.contains("/admin/") ? admin : tokens.get(row[1]), null);
			};
			ClosedLoop.Request submissions = (client, random) -> {
				String[] row = sample.get(random.nextInt(sample.size()));
				HttpCall.expect(201, "POST", base.get() + "/api/jira/bug-report", tokens.get(row[1]),
						"{\"summary\": \"Capacity " + random.nextInt() + " export fails\", \"description\": \"The "
								+ TicketGenerator.randomWords(random).replace("%20", " ") + " page times out.\","
								+ " \"steps_to_reproduce\": \"1. a\\n2. b\", \"priority\": \"Medium\"}");
			};
			// Warm-up (JIT, pools, caches), not counted.
			ClosedLoop.run(4, Math.max(2000, requests), 1, reads);
			ClosedLoop.run(4, 300, 1, submissions);
			step("reads", reads, started, database);
			step("submissions", submissions, started, database);
			if (floor) {
				ClosedLoop.Request refused = (client, random) -> {
					String[] row = sample.get(random.nextInt(sample.size()));
					HttpCall.expect(400, "POST", base.get() + "/api/jira/bug-report", tokens.get(row[1]),
							"{\"summary\": \"\", \"description\": \"The " + TicketGenerator.randomWords(random).replace("%20", " ")
									+ " page times out.\", \"steps_to_reproduce\": \"1. a\\n2. b\", \"priority\": \"Medium\"}");
				};
				ClosedLoop.run(4, 300, 1, refused);
				step("floor", refused, started, database);
			}
			heapUnderReadLoad(reads, started);
		}
		finally {
			for (NodeProcess node : started) {
				node.close();
			}
		}
		return 0;
	}

	/** Generates the tickets once (later runs reuse them) and answers a sample of (key, customer id). */
	private List<String[]> prepare(String secret) throws Exception {
		List<String[]> sample;
		boolean generated = false;
		try (ConfigurableApplicationContext loader = new SpringApplicationBuilder(BugBridgeCli.application())
			.run(common(0, secret).toArray(String[]::new))) {
			JdbcClient jdbc = loader.getBean(JdbcClient.class);
			long existing = jdbc.sql("SELECT COUNT(*) FROM ticket").query(Long.class).single();
			jdbc.sql("DELETE FROM scheduled_tasks WHERE task_name IN ('check-stale-tickets', 'weekly-report', 'sync-stats')")
				.update();
			if (existing < tickets) {
				new TicketGenerator(loader.getBean(javax.sql.DataSource.class), customers).generate(existing, tickets);
				generated = true;
			}
			sample = jdbc.sql("SELECT ticket_key, customer_id FROM ticket WHERE customer_id IS NOT NULL AND MOD(id, 37) = 0")
				.query((rs, i) -> new String[] { rs.getString(1), rs.getString(2) })
				.list();
		}
		if (generated) {
			// Rows written straight into the tables bypass the change feed: each node rebuilds its index.
			for (int n = 0; n < Math.max(nodes, 2); n++) {
				deleteRecursively(dataDir.resolve("node-" + n).resolve("index"));
			}
		}
		return sample;
	}

	private List<String> settings(int node, String secret) {
		// The loader runs without a web server and background jobs; a node runs with both (its port
		// is chosen by NodeProcess).
		List<String> args = common(node, secret);
		args.remove("--server.port=-1");
		args.remove("--bugbridge.jobs.enabled=false");
		return args;
	}

	private List<String> common(int node, String secret) {
		List<String> args = new ArrayList<>(List.of("--bugbridge.data-dir=" + dataDir.toAbsolutePath().resolve("node-" + node),
				"--bugbridge.jwt.secret=" + secret, "--logging.level.root=WARN", "--bugbridge.signin.demo-users=false",
				"--spring.main.banner-mode=off",
				// Scheduled reports would fire at random points of the measurement.
				"--bugbridge.admin.stale-tickets-cron=-", "--bugbridge.admin.weekly-report-cron=-",
				"--bugbridge.admin.sync-stats-cron=-",
				// One load generator is one user sending thousands of requests a minute: the per-user
				// rate limits would measure themselves, not the service.
				"--bugbridge.rate-limit.enabled=false", "--server.port=-1", "--bugbridge.jobs.enabled=false"));
		if (jdbcUrl != null) {
			args.addAll(List.of("--spring.datasource.url=" + jdbcUrl, "--spring.datasource.username=" + user,
					"--spring.datasource.password=" + password));
		}
		return args;
	}

	/**
	 * Steps the clients up (until p99 is far past the target, where more clients only queue); prints
	 * each step and the capacity, the best rate of a step within the target.
	 */
	private void step(String name, ClosedLoop.Request request, List<NodeProcess> started, String database) throws Exception {
		System.out.printf("%n%-12s %7s %8s %8s %8s %9s %7s | %9s %9s %9s | %s%n", name, "clients", "p50_ms", "p99_ms",
				"req/s", "requests", "errors", "svc_cpu_s", "pg_cpu_s", "gen_cpu_s", "CPU ms per request: service / PostgreSQL / load generator");
		double best = 0;
		List<Long> pids = started.stream().map(NodeProcess::pid).toList();
		for (int clients : steps) {
			double service = ProcCpu.ms(pids);
			double generator = ProcCpu.self();
			Map<Long, Double> pg = ProcCpu.postgresBackends(database);
			Figures figures = ClosedLoop.run(clients, Math.max(requests, clients * 20), clients, request);
			double serviceMs = ProcCpu.ms(pids) - service;
			double generatorMs = ProcCpu.self() - generator;
			double pgMs = ProcCpu.between(pg, ProcCpu.postgresBackends(database));
			int n = figures.requests();
			System.out.printf(Locale.ROOT, "%-12s %7d %8.1f %8.1f %8.0f %9d %7d | %9.1f %9.1f %9.1f | %.2f / %.2f / %.2f%n", "",
					clients, figures.p50(), figures.p99(), figures.perSecond(), n, figures.errors(), serviceMs / 1000,
					pgMs / 1000, generatorMs / 1000, serviceMs / n, pgMs / n, generatorMs / n);
			if (figures.errors() > 0) {
				System.out.println("  first error: " + figures.firstError());
			}
			if (figures.p99() <= target && figures.errors() == 0) {
				best = Math.max(best, figures.perSecond());
			}
			if (figures.p99() > 5 * target) {
				// More clients only queue longer.
				break;
			}
		}
		System.out.printf(Locale.ROOT, "capacity %s at p99 <= %.0f ms with %d node(s): %.0f/s%n", name, target, nodes, best);
	}

	/** Heap of each node after a full GC while 8 clients read, i.e. what a node keeps under load. */
	private void heapUnderReadLoad(ClosedLoop.Request reads, List<NodeProcess> started) throws Exception {
		var load = java.util.concurrent.Executors.newSingleThreadExecutor();
		try {
			var running = load.submit(() -> ClosedLoop.run(8, Math.max(requests * 2, 4000), 3, reads));
			Thread.sleep(2000);
			for (NodeProcess node : started) {
				System.out.printf(Locale.ROOT, "node pid %d: heap under the read load (after GC) %.0f MiB%n", node.pid(),
						node.heapAfterGcMib());
			}
			Figures figures = running.get();
			System.out.println("read load while measuring heap: " + figures.line());
		}
		finally {
			load.shutdownNow();
		}
	}

	private static void deleteRecursively(Path path) throws java.io.IOException {
		if (Files.exists(path)) {
			try (var files = Files.walk(path)) {
				files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
			}
		}
	}

}
