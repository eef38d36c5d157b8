package io.bugbridge.jira;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.bugbridge.BugBridgeApplication;

/**
 * The service in a JVM of its own (the test classpath, {@link BugBridgeApplication} as main class),
 * so that what the soak measures is the service's heap alone, not the load generator's, the Jira
 * simulator's or an in-memory database's. Heap figures come from {@code jcmd <pid>
 * GC.class_histogram}, which runs a full collection first and so counts live objects only.
 */
final class ServiceProcess implements AutoCloseable {

	private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");

	private static final Pattern TOTAL = Pattern.compile("^Total\\s+(\\d+)\\s+(\\d+)");

	private final Process process;

	private final Path directory;

	private ServiceProcess(Process process, Path directory) {
		this.process = process;
		this.directory = directory;
	}

	/** Starts the service; its output goes to {@code directory/service.log}. */
	static ServiceProcess start(List<String> jvmOptions, List<String> arguments, Path directory) throws IOException {
		Files.createDirectories(directory);
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmOptions);
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), BugBridgeApplication.class.getName()));
		command.addAll(arguments);
		File log = directory.resolve("service.log").toFile();
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
		return new ServiceProcess(process, directory);
	}

	long pid() {
		return process.pid();
	}

	boolean isAlive() {
		return process.isAlive();
	}

	/**
	 * A live-object histogram (after a full GC), also written to {@code histogram-<label>.txt}.
	 */
	Histogram histogram(String label) throws IOException, InterruptedException {
		String output = jcmd("GC.class_histogram");
		Files.writeString(directory.resolve("histogram-" + label.replaceAll("[^A-Za-z0-9]+", "-") + ".txt"), output);
		return Histogram.parse(output);
	}

	private String jcmd(String command) throws IOException, InterruptedException {
		String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
		Process call = new ProcessBuilder(jcmd, String.valueOf(pid()), command).redirectErrorStream(true).start();
		byte[] output = call.getInputStream().readAllBytes();
		if (!call.waitFor(2, TimeUnit.MINUTES) || call.exitValue() != 0) {
			throw new IllegalStateException("jcmd " + command + " failed: " + new String(output, StandardCharsets.UTF_8));
		}
		return new String(output, StandardCharsets.UTF_8);
	}

	/** Asks the service to shut down (SIGTERM, graceful), killing it if it has not after a minute. */
	@Override
	public void close() throws InterruptedException {
		process.destroy();
		if (!process.waitFor(Duration.ofMinutes(1).toSeconds(), TimeUnit.SECONDS)) {
			process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
		}
	}

	/** Live bytes and instances per class, and the total. */
	record Histogram(long totalBytes, long totalInstances, Map<String, long[]> classes) {

		static Histogram parse(String output) {
			Map<String, long[]> classes = new LinkedHashMap<>();
			long bytes = -1;
			long instances = -1;
			for (String line : output.split("\n")) {
				Matcher row = ROW.matcher(line);
				if (row.find()) {
					classes.put(row.group(3), new long[] { Long.parseLong(row.group(1)), Long.parseLong(row.group(2)) });
					continue;
				}
				Matcher total = TOTAL.matcher(line.trim());
				if (total.find()) {
					instances = Long.parseLong(total.group(1));
					bytes = Long.parseLong(total.group(2));
				}
			}
			if (bytes < 0) {
				throw new IllegalStateException("no Total line in the class histogram:\n" + output);
			}
			return new Histogram(bytes, instances, classes);
		}

		/** The classes whose live bytes grew most from {@code earlier} to this one, largest first. */
		List<String> topGrowth(Histogram earlier, int limit) {
			record Growth(String name, long bytes, long instances) {
			}
			List<Growth> growth = new ArrayList<>();
			classes.forEach((name, now) -> {
				long[] before = earlier.classes.getOrDefault(name, new long[2]);
				growth.add(new Growth(name, now[1] - before[1], now[0] - before[0]));
			});
			return growth.stream()
				.sorted((a, b) -> Long.compare(b.bytes(), a.bytes()))
				.limit(limit)
				.map(g -> String.format(java.util.Locale.ROOT, "%+10.1f KB %+9d instances  %s", g.bytes() / 1024.0,
						g.instances(), g.name()))
				.toList();
		}

	}

}
