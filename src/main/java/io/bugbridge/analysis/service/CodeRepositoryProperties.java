package io.bugbridge.analysis.service;

import java.nio.file.Path;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The code repositories bug analyses may read ({@code bugbridge.repositories[n].*}). Analyses read
 * only these: a request naming any other path is refused.
 */
@ConfigurationProperties("bugbridge")
public record CodeRepositoryProperties(List<Repository> repositories) {

	public CodeRepositoryProperties {
		repositories = repositories == null ? List.of() : List.copyOf(repositories);
	}

	/**
	 * One repository.
	 *
	 * @param name how requests and the console refer to it, e.g. {@code Data-Norm-2}
	 * @param path a local git repository (bare or with a work tree), read from its object database
	 * @param url a remote to clone into the data directory and fetch from, instead of {@code path}
	 * @param branch the branch analysed; default: the remote's default branch ({@code HEAD})
	 * @param tokenVariable name of the environment variable holding an access token for {@code url}
	 * (e.g. {@code GITHUB_TOKEN}); the token itself never appears in configuration or logs
	 * @param extensions file extensions to index; default: common code languages
	 * @param ignore directory names whose files are never indexed (in addition to vendored code)
	 * @param webUrl the repository's web view (e.g. {@code https://github.com/acme/app}) for links to
	 * files at the analysed commit; derived from a GitHub or GitLab {@code url} when unset
	 */
	public record Repository(String name, Path path, String url, String branch, String tokenVariable,
			List<String> extensions, List<String> ignore, String webUrl) {

		public Repository {
			extensions = extensions == null ? List.of() : List.copyOf(extensions);
			ignore = ignore == null ? List.of() : List.copyOf(ignore);
		}

	}

}
