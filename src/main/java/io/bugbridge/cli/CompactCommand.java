package io.bugbridge.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Rewrites the embedded H2 database file without its dead space. H2 writes changes to new places
 * in the file and reuses the old ones only partly: after many small transactions (each intake is
 * one) the file holds mostly dead pages, is several times larger than its data, and reads that
 * used to be cached go to disk. Measured in docs/operations.md ("Embedded default vs PostgreSQL").
 */
@Command(name = "compact", mixinStandardHelpOptions = true,
		description = "Compact the embedded H2 database (stop the service first).")
class CompactCommand implements Callable<Integer> {

	@Option(names = "--data-dir", description = "The service's data directory (default: BUGBRIDGE_DATA_DIR, else ./data)")
	Path dataDir = Path.of(System.getenv().getOrDefault("BUGBRIDGE_DATA_DIR", "data"));

	@Override
	public Integer call() throws Exception {
		Path file = dataDir.resolve("bugbridge.mv.db").toAbsolutePath();
		if (!Files.isRegularFile(file)) {
			System.err.println("No embedded database at " + file + " (PostgreSQL needs no compacting: autovacuum"
					+ " does it).");
			return 2;
		}
		long before = Files.size(file);
		long start = System.nanoTime();
		// IFEXISTS: never create an empty database by mistake; the file lock refuses a running service.
		String url = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("bugbridge")
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;IFEXISTS=TRUE";
		// The service connects with no user name unless one is configured; H2 then uses "".
		try (Connection connection = DriverManager.getConnection(url,
				System.getenv().getOrDefault("SPRING_DATASOURCE_USERNAME", ""),
				System.getenv().getOrDefault("SPRING_DATASOURCE_PASSWORD", ""));
				Statement sql = connection.createStatement()) {
			sql.execute("SHUTDOWN COMPACT");
		}
		catch (SQLException ex) {
			System.err.println("Could not open " + file + ": " + ex.getMessage()
					+ (ex.getErrorCode() == 90020 ? " (is the service still running?)" : ""));
			return 1;
		}
		System.out.printf("Compacted %s: %,d MB -> %,d MB in %.1f s%n", file, before >> 20, Files.size(file) >> 20,
				(System.nanoTime() - start) / 1e9);
		return 0;
	}

}
