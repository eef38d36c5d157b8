package io.bugbridge.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One service node as its own process ({@code java -jar bugbridge.jar}), so that its CPU and heap
 * are its own and not the load generator's.
 */
final class NodeProcess implements AutoCloseable {

	private static final Pattern USED = Pattern.compile("used (\\d+)K");

	private final Process process;

	private final int port;

	private NodeProcess(Process process, int port) {
		this.process = process;
		this.port = port;
	}

	/** Starts a node with {@code settings} (as {@code --name=value}); its output goes to {@code log}. */
	static NodeProcess start(Path jar, String heap, List<String> settings, Path log) throws IOException {
		int port;
		try (ServerSocket free = new ServerSocket(0)) {
			port = free.getLocalPort();
		}
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
		if (heap != null) {
			command.add("-Xmx" + heap);
		}
		command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port));
		command.addAll(settings);
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
			.start();
		return new NodeProcess(process, port);
	}

	String base() {
		return "http://127.0.0.1:" + port;
	}

	long pid() {
		return process.pid();
	}

	/** Waits until the node answers an admin search, i.e. it started and its search index is built. */
	void awaitReady(String adminToken, Duration limit) throws Exception {
		long deadline = System.nanoTime() + limit.toNanos();
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new IllegalStateException("node on port " + port + " exited with " + process.exitValue());
			}
			try {
				if (HttpCall.send("GET", base() + "/api/jira/admin/issues?max_results=1", adminToken, null).status() == 200) {
					return;
				}
			}
			catch (IOException notYet) {
				// Still starting.
			}
			Thread.sleep(1000);
		}
		throw new IllegalStateException("node on port " + port + " not ready within " + limit);
	}

	/** Heap in use right after a full GC, in MiB (what the node really keeps). */
	double heapAfterGcMib() throws Exception {
		jcmd("GC.run");
		Matcher used = USED.matcher(jcmd("GC.heap_info"));
		return used.find() ? Long.parseLong(used.group(1)) / 1024.0 : Double.NaN;
	}

	private String jcmd(String what) throws Exception {
		Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
		Process run = new ProcessBuilder(jcmd.toString(), String.valueOf(process.pid()), what).redirectErrorStream(true)
			.start();
		String out = new String(run.getInputStream().readAllBytes());
		run.waitFor(60, TimeUnit.SECONDS);
		return out;
	}

	@Override
	public void close() throws InterruptedException {
		process.destroy();
		if (!process.waitFor(30, TimeUnit.SECONDS)) {
			process.destroyForcibly();
		}
	}

}
