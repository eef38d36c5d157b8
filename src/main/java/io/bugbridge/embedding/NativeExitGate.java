package io.bugbridge.embedding;

import java.lang.reflect.Field;
import java.util.Map;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the JVM's exit from crashing inside ONNX Runtime. The runtime registers a shutdown hook that
 * frees its native environment, and the JVM runs shutdown hooks concurrently: a session being
 * created or run on another thread at that moment used freed memory and the JVM died with SIGSEGV
 * (seen when the service was stopped while the model loaded, seconds after its start). Here every
 * native call holds a read lock; at exit a hook of ours refuses new calls and waits for those in
 * flight, and the runtime's own hook is removed (it only frees memory the ending process frees
 * anyway). Removing it needs {@code --add-opens java.base/java.lang=ALL-UNNAMED}, which the jar's
 * manifest, the container image and the test JVM give; without it the runtime's hook stays.
 */
final class NativeExitGate {

	private static final Logger log = LoggerFactory.getLogger(NativeExitGate.class);

	private static final ReentrantReadWriteLock LOCK = new ReentrantReadWriteLock();

	private static volatile boolean exiting;

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(NativeExitGate::close, "embedding-exit-gate"));
	}

	private NativeExitGate() {
	}

	/** Runs a call into the native model, unless the JVM is exiting. */
	static <T> T call(Supplier<T> nativeCall) {
		Lock read = LOCK.readLock();
		if (exiting || !read.tryLock()) {
			throw new EmbeddingsUnavailableException("The embedding model is closed: the JVM is exiting");
		}
		try {
			if (exiting) {
				throw new EmbeddingsUnavailableException("The embedding model is closed: the JVM is exiting");
			}
			return nativeCall.get();
		}
		finally {
			read.unlock();
		}
	}

	/** Never unlocked: after this, the process only ends. */
	private static void close() {
		exiting = true;
		LOCK.writeLock().lock();
	}

	/** Removes the hooks ONNX Runtime registered so far (one per environment it created). */
	static void removeRuntimeHooks() {
		try {
			Class<?> hooksClass = Class.forName("java.lang.ApplicationShutdownHooks");
			Field hooksField = hooksClass.getDeclaredField("hooks");
			hooksField.setAccessible(true);
			Field target = Thread.class.getDeclaredField("target");
			target.setAccessible(true);
			synchronized (hooksClass) {
				@SuppressWarnings("unchecked")
				Map<Thread, Thread> hooks = (Map<Thread, Thread>) hooksField.get(null);
				if (hooks == null) {
					return;
				}
				for (Thread hook : hooks.keySet().toArray(Thread[]::new)) {
					Object task = target.get(hook);
					if (task != null && task.getClass().getName().startsWith("ai.onnxruntime.")) {
						hooks.remove(hook);
					}
				}
			}
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			// Not opened (java.base/java.lang) or another JDK's internals: keep the runtime's hook.
			log.debug("ONNX Runtime's shutdown hook stays: {}", ex.toString());
		}
	}

}
