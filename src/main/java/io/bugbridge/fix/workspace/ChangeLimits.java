package io.bugbridge.fix.workspace;

import java.util.List;
import java.util.Optional;

/**
 * How much an automatic fix may change, and what it must never touch.
 *
 * @param maxFiles most files a change may touch
 * @param maxLines most lines (added plus removed) a change may touch
 * @param forbiddenPaths patterns of paths a change must not touch, see {@link PathPatterns}:
 * anchored at the root, {@code **} spans directories, a matching directory covers its contents
 */
public record ChangeLimits(int maxFiles, int maxLines, List<String> forbiddenPaths) {

	/**
	 * What an automatic fix must never touch: CI definitions (they run with the repository's
	 * secrets), lock files (supply chain; a fix has no business re-resolving dependencies), build
	 * tool wrappers (they download and run whatever their properties name), review rules
	 * (CODEOWNERS), submodule URLs, and anything that looks like a credential. Beyond the brief's
	 * list: Jenkinsfile anywhere (pipelines may name a script path in a subdirectory),
	 * bitbucket/drone/buildkite CI, .gitmodules, CODEOWNERS, the Maven and Gradle wrappers, and
	 * keystores.
	 */
	public static final List<String> DEFAULT_FORBIDDEN = List.of(".github/**", ".gitlab-ci.yml", ".gitlab/**",
			".circleci/**", "**/Jenkinsfile", ".travis.yml", "azure-pipelines.yml", "bitbucket-pipelines.yml",
			".drone.yml", ".buildkite/**", ".gitmodules", "**/CODEOWNERS", "**/package-lock.json", "**/yarn.lock",
			"**/pnpm-lock.yaml", "**/poetry.lock", "**/Pipfile.lock", "**/Cargo.lock", "**/go.sum",
			"**/Gemfile.lock", "**/composer.lock", "**/.mvn/wrapper/**", "**/gradle/wrapper/**", "**/.env",
			"**/.env.*", "**/*.pem", "**/*.key", "**/*.p12", "**/*.pfx", "**/*.jks", "**/*.keystore", "**/id_rsa*",
			"**/id_ed25519*", "**/*secret*", "**/*credentials*", "**/.npmrc", "**/.pypirc", "**/settings.xml");

	public ChangeLimits {
		if (maxFiles < 1 || maxLines < 1) {
			throw new IllegalArgumentException("change limits must be positive, got " + maxFiles + " files and "
					+ maxLines + " lines");
		}
		forbiddenPaths = List.copyOf(forbiddenPaths);
	}

	/** 20 files, 800 lines, {@link #DEFAULT_FORBIDDEN}. */
	public static ChangeLimits defaults() {
		return new ChangeLimits(20, 800, DEFAULT_FORBIDDEN);
	}

	/** The forbidden pattern a path falls under, if any. */
	public Optional<String> forbiddenPattern(String path) {
		int match = new PathPatterns(forbiddenPaths).firstMatch(path);
		return match < 0 ? Optional.empty() : Optional.of(forbiddenPaths.get(match));
	}

}
