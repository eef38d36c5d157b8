package io.bugbridge.fix;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.bugbridge.fix.workspace.ChangeLimits;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What Auto-Fix reads of {@code bugbridge.repositories[n]}: the same list the analysis reads, plus
 * the settings only a fix needs.
 */
@ConfigurationProperties("bugbridge")
record FixRepositoryProperties(List<Repository> repositories) {

	FixRepositoryProperties {
		repositories = repositories == null ? List.of() : List.copyOf(repositories);
	}

	/**
	 * @param url where the base branch is fetched from and fix branches are pushed to
	 * ({@code https://github.com/<owner>/<name>.git} or a {@code file://} mirror)
	 * @param path a local repository, used as a {@code file://} remote when no url is set
	 * @param baseBranch the branch fixes start from and pull requests target; default {@code branch},
	 * else {@code main}
	 * @param testCommand the repository's tests, run in the sandbox, e.g. {@code ./mvnw -q test}
	 * @param testSelectorCommand the command for a narrowed run with {@code {selector}} in it, e.g.
	 * {@code python -m pytest -q {selector}}; default: the test command with the selector appended
	 * @param testTimeout wall time of one test run
	 * @param maxFilesChanged a fix changing more files is not pushed
	 * @param maxLinesChanged a fix changing more lines is not pushed
	 * @param forbiddenPaths paths a fix may never change, replacing the defaults (CI files, lockfiles,
	 * secrets) when set
	 */
	record Repository(String name, Path path, String url, String branch, String baseBranch, String testCommand,
			String testSelectorCommand, Duration testTimeout, Integer maxFilesChanged, Integer maxLinesChanged,
			List<String> forbiddenPaths) {

		String remote() {
			if (url != null && !url.isBlank()) {
				return url;
			}
			return path == null ? null : path.toAbsolutePath().normalize().toUri().toString();
		}

		String base() {
			return baseBranch != null && !baseBranch.isBlank() ? baseBranch
					: branch != null && !branch.isBlank() ? branch : "main";
		}

		ChangeLimits limits() {
			ChangeLimits defaults = ChangeLimits.defaults();
			return new ChangeLimits(maxFilesChanged == null ? defaults.maxFiles() : maxFilesChanged,
					maxLinesChanged == null ? defaults.maxLines() : maxLinesChanged,
					forbiddenPaths == null || forbiddenPaths.isEmpty() ? defaults.forbiddenPaths() : forbiddenPaths);
		}

		Duration timeout() {
			return testTimeout == null ? Duration.ofMinutes(15) : testTimeout;
		}

	}

}
