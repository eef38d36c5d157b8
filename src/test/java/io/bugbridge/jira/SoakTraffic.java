package io.bugbridge.jira;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import io.bugbridge.support.ApiClient;
import io.bugbridge.support.ApiClient.Response;

/**
 * The soak's request mix and what it saw: 40 % customer traffic from 20 customer tokens (5
 * accounts) — intake 4 %, comments on own tickets 4 %, my-tickets 14 %, own ticket details 18 % —
 * and 60 % admin traffic from 8 admin tokens — search 20 %, stats 10 %, similar 15 %, details 15 %.
 */
final class SoakTraffic {

	static final int CUSTOMERS = 20;

	static final int ADMINS = 8;

	private static final String[] WORDS = { "billing", "invoice", "dashboard", "login", "export", "report",
			"search", "upload", "profile", "settings", "calendar", "webhook" };

	private final ApiClient api;

	private final List<String> customerTokens = new ArrayList<>();

	private final List<String> adminTokens = new ArrayList<>();

	/** Per endpoint: status → count ("IO" for transport errors). */
	private final Map<String, Map<String, LongAdder>> statuses = new ConcurrentHashMap<>();

	private final Map<String, List<Long>> latencies = new ConcurrentHashMap<>();

	final List<String> errorSamples = new CopyOnWriteArrayList<>();

	private final List<String> keys = new CopyOnWriteArrayList<>();

	private final Map<Integer, List<String>> keysOf = new ConcurrentHashMap<>();

	/** Accepted comments: marker → the ticket key it was posted to. */
	final Map<String, String> comments = new ConcurrentHashMap<>();

	private final AtomicLong sequence = new AtomicLong();

	final LongAdder notSent = new LongAdder();

	SoakTraffic(int port) {
		this.api = new ApiClient(port);
		for (int i = 0; i < CUSTOMERS; i++) {
			customerTokens.add(ApiClient.customerToken("soak-" + i + "@customer" + (i % 5) + ".example",
					"soak-customer-" + (i % 5)));
			keysOf.put(i, new CopyOnWriteArrayList<>());
		}
		for (int i = 0; i < ADMINS; i++) {
			adminTokens.add(ApiClient.adminToken("soak-admin-" + i + "@bugbridge.example"));
		}
	}

	void oneRequest() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		int dice = random.nextInt(100);
		if (dice < 40) {
			int customer = random.nextInt(CUSTOMERS);
			String token = customerTokens.get(customer);
			List<String> own = keysOf.get(customer);
			String ownKey = own.isEmpty() ? null : own.get(random.nextInt(own.size()));
			long n = sequence.incrementAndGet();
			String word = WORDS[random.nextInt(WORDS.length)];
			if (dice < 2) {
				intake("bug-report", token, customer, """
						{"summary": "Soak bug %d: %s fails", "description": "The %s page fails after login (soak %d).",
						 "priority": "medium", "steps_to_reproduce": "1. open %s", "expected_behavior": "works",
						 "actual_behavior": "error"}""".formatted(n, word, word, n, word));
			}
			else if (dice < 3) {
				intake("feature-request", token, customer, """
						{"summary": "Soak feature %d: export %s", "description": "Please export %s as CSV (soak %d).",
						 "business_value": "saves time"}""".formatted(n, word, word, n));
			}
			else if (dice < 4) {
				intake("support-ticket", token, customer, """
						{"summary": "Soak question %d about %s", "description": "How do I configure %s? (soak %d)"}"""
					.formatted(n, word, word, n));
			}
			else if (dice < 8 && ownKey != null) {
				String marker = "soak-c-" + n;
				Response r = call("POST comment", 201, () -> api.post("/api/jira/ticket/" + ownKey + "/comment", token,
						"{\"comment\": \"Any news? " + marker + "\"}"));
				if (r != null && r.status() == 201) {
					comments.put(marker, ownKey);
				}
			}
			else if (dice < 22 || ownKey == null) {
				call("GET my-tickets", 200, () -> api.get("/api/jira/my-tickets?max_results=20", token));
			}
			else {
				call("GET ticket", 200, () -> api.get("/api/jira/ticket/" + ownKey, token));
			}
			return;
		}
		String token = adminTokens.get(random.nextInt(ADMINS));
		String key = keys.isEmpty() ? null : keys.get(random.nextInt(keys.size()));
		if (dice < 60) {
			call("GET admin search", 200, () -> api.get(
					"/api/jira/admin/issues?max_results=20&q=" + WORDS[random.nextInt(WORDS.length)], token));
		}
		else if (dice < 70 || key == null) {
			call("GET admin stats", 200, () -> api.get("/api/jira/admin/stats", token));
		}
		else if (dice < 85) {
			call("GET admin similar", 200, () -> api.get("/api/jira/admin/issues/" + key + "/similar", token));
		}
		else {
			call("GET admin issue", 200, () -> api.get("/api/jira/admin/issues/" + key, token));
		}
	}

	private void intake(String path, String token, int customer, String body) {
		Response r = call("POST " + path, 201, () -> api.post("/api/jira/" + path, token, body));
		if (r != null && r.status() == 201) {
			String key = r.json().get("key").asString();
			keys.add(key);
			keysOf.get(customer).add(key);
		}
	}

	private Response call(String endpoint, int expected, Supplier<Response> request) {
		long start = System.nanoTime();
		Response response;
		String status;
		try {
			response = request.get();
			status = String.valueOf(response.status());
		}
		catch (RuntimeException ex) {
			response = null;
			status = "IO";
			if (errorSamples.size() < 20) {
				errorSamples.add(endpoint + " -> " + ex);
			}
		}
		long micros = (System.nanoTime() - start) / 1000;
		statuses.computeIfAbsent(endpoint, e -> new ConcurrentHashMap<>())
			.computeIfAbsent(status, s -> new LongAdder())
			.increment();
		latencies.computeIfAbsent(endpoint, e -> Collections.synchronizedList(new ArrayList<>())).add(micros);
		if (response != null && response.status() != expected && response.status() != 429 && errorSamples.size() < 20) {
			errorSamples.add(endpoint + " -> " + response.status() + " "
					+ response.body().substring(0, Math.min(300, response.body().length())));
		}
		return response;
	}

	/** 5xx, unexpected statuses and transport errors; 429 from our own limiter is expected. */
	long errors() {
		long errors = 0;
		for (Map.Entry<String, Map<String, LongAdder>> endpoint : statuses.entrySet()) {
			String expected = endpoint.getKey().startsWith("POST") ? "201" : "200";
			for (Map.Entry<String, LongAdder> status : endpoint.getValue().entrySet()) {
				if (!status.getKey().equals(expected) && !status.getKey().equals("429")) {
					errors += status.getValue().sum();
				}
			}
		}
		return errors;
	}

	/** The per-endpoint table: totals, 429s, errors and latency percentiles. */
	String table(long trafficSeconds) {
		StringBuilder out = new StringBuilder();
		out.append(String.format(Locale.ROOT, "%-24s %7s %7s %6s %6s %9s %9s %9s%n", "endpoint", "total", "ok", "429",
				"error", "p50 ms", "p95 ms", "p99 ms"));
		long[] sums = new long[4];
		List<Long> everything = new ArrayList<>();
		for (String endpoint : new TreeMap<>(statuses).keySet()) {
			Map<String, LongAdder> counts = statuses.get(endpoint);
			String expected = endpoint.startsWith("POST") ? "201" : "200";
			long total = counts.values().stream().mapToLong(LongAdder::sum).sum();
			long ok = counts.getOrDefault(expected, new LongAdder()).sum();
			long limited = counts.getOrDefault("429", new LongAdder()).sum();
			List<Long> sorted;
			synchronized (latencies.get(endpoint)) {
				sorted = new ArrayList<>(latencies.get(endpoint));
			}
			Collections.sort(sorted);
			everything.addAll(sorted);
			out.append(row(endpoint, total, ok, limited, sorted));
			sums[0] += total;
			sums[1] += ok;
			sums[2] += limited;
		}
		Collections.sort(everything);
		out.append(row("ALL", sums[0], sums[1], sums[2], everything));
		out.append(String.format(Locale.ROOT, "achieved rate %.1f/s; not sent %d%n",
				sums[0] / (double) Math.max(1, trafficSeconds), notSent.sum()));
		out.append("statuses: ").append(new TreeMap<>(statuses)).append('\n');
		out.append("error samples: ").append(errorSamples).append('\n');
		return out.toString();
	}

	private static String row(String name, long total, long ok, long limited, List<Long> sorted) {
		return String.format(Locale.ROOT, "%-24s %7d %7d %6d %6d %9.1f %9.1f %9.1f%n", name, total, ok, limited,
				total - ok - limited, pct(sorted, 50), pct(sorted, 95), pct(sorted, 99));
	}

	private static double pct(List<Long> sorted, int p) {
		if (sorted.isEmpty()) {
			return 0;
		}
		int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
		return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1))) / 1000.0;
	}

}
