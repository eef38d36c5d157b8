package io.bugbridge.fix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Repository;

/**
 * A tiny shell project with a real bug (a discount divided by 10 instead of 100) and a real test
 * command, so Auto-Fix's fail-before/pass-after runs are real processes in the sandbox.
 */
final class CalcRepository {

	static final String TEST_COMMAND = "sh run_tests.sh";

	static final String BUGGY = "price_with_discount() {\n\techo $(( $1 - $1 * $2 / 10 ))\n}\n";

	static final String REPRODUCING_TEST = """
			. ./src/discount.sh
			result=$(price_with_discount 200 10)
			[ "$result" = "180" ] || { echo "expected 180 but got $result"; exit 1; }
			""";

	private final Path directory;

	private CalcRepository(Path directory) {
		this.directory = directory;
	}

	static CalcRepository create(Path directory) throws IOException, GitAPIException {
		CalcRepository repository = new CalcRepository(directory);
		try (Git git = Git.init().setDirectory(directory.toFile()).setInitialBranch("main").call()) {
			repository.write("src/discount.sh", BUGGY);
			repository.write("run_tests.sh", """
					for t in tests/test_*.sh; do
					  sh "$t" || { echo "FAILED: $t"; exit 1; }
					done
					echo "all tests passed"
					""");
			repository.write("tests/test_zero.sh", """
					. ./src/discount.sh
					[ "$(price_with_discount 200 0)" = "200" ] || exit 1
					""");
			git.add().addFilepattern(".").call();
			git.commit().setMessage("Discounts").setAuthor("dev", "dev@calc.example").call();
		}
		return repository;
	}

	Path directory() {
		return directory;
	}

	/** A file as it is on a branch, or null when the branch or file does not exist. */
	String read(String branch, String path) throws IOException {
		try (Git git = Git.open(directory.toFile())) {
			Repository repo = git.getRepository();
			var id = repo.resolve("refs/heads/" + branch + ":" + path);
			return id == null ? null : new String(repo.open(id).getBytes(), java.nio.charset.StandardCharsets.UTF_8);
		}
	}

	boolean hasBranch(String branch) throws IOException {
		try (Git git = Git.open(directory.toFile())) {
			return git.getRepository().exactRef("refs/heads/" + branch) != null;
		}
	}

	private void write(String path, String content) throws IOException {
		Path file = directory.resolve(path);
		Files.createDirectories(file.getParent());
		Files.writeString(file, content);
	}

}
