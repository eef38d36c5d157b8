package io.bugbridge.fix.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A temporary directory that is deleted, with whatever a command left in it, when closed. */
final class ScratchDirectory implements AutoCloseable {

	private final Path path;

	ScratchDirectory(String prefix) throws IOException {
		this.path = Files.createTempDirectory(prefix).toRealPath();
	}

	Path path() {
		return path;
	}

	@Override
	public void close() {
		try (Stream<Path> paths = Files.walk(path)) {
			for (Path entry : paths.sorted(Comparator.reverseOrder()).toList()) {
				entry.toFile().setWritable(true);
				Files.deleteIfExists(entry);
			}
		}
		catch (IOException ex) {
			// Left-over files in the temp directory are harmless and cleared with it.
		}
	}

}
