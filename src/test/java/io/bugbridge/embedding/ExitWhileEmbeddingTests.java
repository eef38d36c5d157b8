package io.bugbridge.embedding;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A JVM that exits while the model loads or embeds ends normally. ONNX Runtime's own exit hook freed
 * the native environment while another thread still used it: the JVM died with SIGSEGV (exit 134
 * and an hs_err file), seen when the service was stopped seconds after its start.
 */
class ExitWhileEmbeddingTests {

	@TempDir
	Path dir;

	@Test
	void exitingWhileTheModelLoadsOrEmbedsEndsTheJvmNormally() throws Exception {
		for (String phase : new String[] { "loading", "embedding" }) {
			Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
					"--add-opens", "java.base/java.lang=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
					EmbedUntilExit.class.getName(), phase)
				.directory(dir.toFile())
				.redirectErrorStream(true)
				.start();
			String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(child.waitFor(2, TimeUnit.MINUTES)).isTrue();
			assertThat(child.exitValue()).as("exit while %s:%n%s", phase, output).isZero();
			assertThat(output).contains("exiting while " + phase).doesNotContain("not caught", "SIGSEGV", "fatal error");
		}
		try (var files = Files.list(dir)) {
			assertThat(files.map(Path::getFileName).map(Path::toString)).noneMatch(name -> name.startsWith("hs_err"));
		}
	}

	@Test
	void theRuntimesOwnExitHookIsGoneOnceTheModelIsLoaded() throws Exception {
		new SentenceEmbedder(1000, null).embed("the model is loaded");
		assertThat(shutdownHookTasks()).noneMatch(task -> task.startsWith("ai.onnxruntime."));
	}

	private static List<String> shutdownHookTasks() throws ReflectiveOperationException {
		Class<?> hooksClass = Class.forName("java.lang.ApplicationShutdownHooks");
		var hooksField = hooksClass.getDeclaredField("hooks");
		hooksField.setAccessible(true);
		var target = Thread.class.getDeclaredField("target");
		target.setAccessible(true);
		List<String> tasks = new ArrayList<>();
		synchronized (hooksClass) {
			for (Object hook : ((Map<?, ?>) hooksField.get(null)).keySet().toArray()) {
				Object task = target.get(hook);
				tasks.add(task == null ? hook.getClass().getName() : task.getClass().getName());
			}
		}
		return tasks;
	}

	/**
	 * Exits the JVM while a daemon thread is inside ONNX Runtime, as a stopped service does: creating
	 * the session ("loading", about a second) or running it on a text ("embedding"). Its own exit hook
	 * takes a second, like an application closing its resources, so that thread keeps running while
	 * the runtime's hook would free the environment.
	 */
	static final class EmbedUntilExit {

		public static void main(String[] args) throws InterruptedException {
			String nativeCall = args[0].equals("loading") ? "createSession" : "run";
			Thread worker = new Thread(() -> {
				SentenceEmbedder embedder = new SentenceEmbedder(1000, null);
				for (int i = 0;; i++) {
					try {
						embedder.embed("The export fails with a timeout after the upgrade, attempt " + i);
					}
					catch (EmbeddingsUnavailableException ex) {
						return;
					}
				}
			});
			worker.setDaemon(true);
			worker.start();
			long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
			boolean caught = false;
			while (!caught && System.nanoTime() < deadline) {
				caught = inside(worker, nativeCall);
			}
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					Thread.sleep(1000);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}));
			System.out.println("exiting while " + args[0] + (caught ? "" : " (not caught inside it)"));
			System.exit(0);
		}

		private static boolean inside(Thread worker, String nativeCall) {
			for (StackTraceElement frame : worker.getStackTrace()) {
				if (frame.getClassName().equals("ai.onnxruntime.OrtSession") && frame.getMethodName().equals(nativeCall)) {
					return true;
				}
			}
			return false;
		}

	}

}
