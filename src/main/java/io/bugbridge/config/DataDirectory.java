package io.bugbridge.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where BugBridge keeps its files in the embedded default: the H2 database, the generated JWT
 * secret and, later, code indexes. One place so backups and container volumes need one mount.
 */
public record DataDirectory(Path path) {

	public static final String ENVIRONMENT_VARIABLE = "BUGBRIDGE_DATA_DIR";

	public DataDirectory {
		path = path.toAbsolutePath().normalize();
	}

	/** The data directory as configured outside Spring: for CLI commands that run without a context. */
	public static DataDirectory fromEnvironment() {
		String configured = System.getenv(ENVIRONMENT_VARIABLE);
		return new DataDirectory(absolute(configured == null || configured.isBlank() ? "./data" : configured));
	}

	static Path absolute(String configured) {
		return Path.of(configured).toAbsolutePath().normalize();
	}

	public Path resolve(String child) {
		return path.resolve(child);
	}

	public Path createIfMissing() {
		try {
			return Files.createDirectories(path);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create data directory " + path
					+ " (set " + ENVIRONMENT_VARIABLE + " to a writable directory)", ex);
		}
	}

}
