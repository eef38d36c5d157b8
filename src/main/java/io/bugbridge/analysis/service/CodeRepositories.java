package io.bugbridge.analysis.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.bugbridge.analysis.CodeLocalizer;
import io.bugbridge.analysis.LocalizerOptions;
import io.bugbridge.analysis.RepositorySource;
import io.bugbridge.config.BugBridgeProperties;
import io.bugbridge.embedding.SentenceEmbedder;
import io.bugbridge.web.InvalidRequestException;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The configured repositories and one {@link CodeLocalizer} (with its on-disk index) per
 * repository. Remote repositories are cloned bare into {@code <data dir>/repos} and fetched when
 * older than the fetch interval. Requests name a repository by name or by its configured path;
 * nothing else is ever read.
 */
@Component
class CodeRepositories implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(CodeRepositories.class);

	private final List<CodeRepositoryProperties.Repository> repositories;

	private final Path dataDir;

	private final Environment environment;

	private final Duration fetchInterval;

	private final Clock clock;

	private final Map<String, CodeLocalizer> localizers = new ConcurrentHashMap<>();

	private final Map<String, Instant> lastFetch = new ConcurrentHashMap<>();

	/** Null when analyses do without sentence embeddings. */
	private final SentenceEmbedder embedder;

	CodeRepositories(CodeRepositoryProperties properties, BugBridgeProperties bugbridge, Environment environment,
			AnalysisProperties analysis, Clock clock) {
		this.dataDir = bugbridge.dataDirectory().path();
		this.environment = environment;
		this.fetchInterval = analysis.fetchInterval();
		this.clock = clock;
		this.repositories = withDefault(properties.repositories(), environment);
		// The model loads on first use (when a commit whose weights use it is indexed); search shares it.
		this.embedder = analysis.embeddings()
				? new SentenceEmbedder(CodeLocalizer.REPORT_CHARS, dataDir.resolve("cache").resolve("djl")) : null;
		validate(this.repositories);
	}

	boolean isEmpty() {
		return repositories.isEmpty();
	}

	List<String> names() {
		return repositories.stream().map(CodeRepositoryProperties.Repository::name).toList();
	}

	/**
	 * The repository a request names (by name or configured path), or the only/first one when the
	 * request names none.
	 */
	CodeRepositoryProperties.Repository resolve(String codebase) {
		if (repositories.isEmpty()) {
			throw new InvalidRequestException("codebase_path",
					"no code repositories are configured; set bugbridge.repositories[0].path (or .url)");
		}
		if (codebase == null || codebase.isBlank()) {
			return repositories.get(0);
		}
		String wanted = codebase.trim();
		for (CodeRepositoryProperties.Repository repository : repositories) {
			if (repository.name().equals(wanted) || repository.path() != null && samePath(repository.path(), wanted)) {
				return repository;
			}
		}
		throw new InvalidRequestException("codebase_path",
				"'" + codebase + "' is not a configured repository; use one of " + names());
	}

	/** The localizer of a repository, cloning or fetching it first when it is remote. */
	CodeLocalizer localizer(CodeRepositoryProperties.Repository repository) throws IOException {
		Path gitDir = gitDirectory(repository);
		if (repository.url() != null) {
			refresh(repository, gitDir);
		}
		return localizers.computeIfAbsent(repository.name(), name -> {
			try {
				return CodeLocalizer.open(new RepositorySource(name, gitDir), options(repository), embedder, false);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot open repository " + name + " at " + gitDir, ex);
			}
		});
	}

	/** The revision analysed: the configured branch, else what HEAD points to. */
	static String revision(CodeRepositoryProperties.Repository repository) {
		return repository.branch() == null || repository.branch().isBlank() ? "HEAD" : repository.branch();
	}

	private LocalizerOptions options(CodeRepositoryProperties.Repository repository) {
		Set<String> extensions = repository.extensions().isEmpty() ? LocalizerOptions.CODE_EXTENSIONS
				: new HashSet<>(repository.extensions().stream().map(e -> e.replaceFirst("^\\.", "").toLowerCase(Locale.ROOT)).toList());
		Set<String> ignored = new HashSet<>(LocalizerOptions.VENDORED);
		repository.ignore().forEach(dir -> ignored.add(dir.replaceAll("^/+|/+$", "")));
		return new LocalizerOptions(dataDir.resolve("index").resolve("code").resolve(safe(repository.name())),
				1024 * 1024, extensions, ignored);
	}

	Path gitDirectory(CodeRepositoryProperties.Repository repository) {
		return repository.url() != null ? dataDir.resolve("repos").resolve(safe(repository.name()) + ".git")
				: repository.path();
	}

	/** Clones on first use, then fetches at most once per fetch interval. */
	private synchronized void refresh(CodeRepositoryProperties.Repository repository, Path gitDir) throws IOException {
		Instant last = lastFetch.get(repository.name());
		Instant now = clock.instant();
		if (last != null && Duration.between(last, now).compareTo(fetchInterval) < 0) {
			return;
		}
		try {
			if (!Files.exists(gitDir)) {
				log.info("Cloning {} into {}", repository.name(), gitDir);
				Files.createDirectories(gitDir.getParent());
				Git.cloneRepository()
					.setURI(repository.url())
					.setBare(true)
					.setDirectory(gitDir.toFile())
					.setCredentialsProvider(credentials(repository))
					.call()
					.close();
			}
			else {
				try (Git git = Git.open(gitDir.toFile())) {
					git.fetch()
						.setCredentialsProvider(credentials(repository))
						.setRefSpecs("+refs/heads/*:refs/heads/*")
						.setRemoveDeletedRefs(true)
						.call();
				}
			}
			lastFetch.put(repository.name(), now);
		}
		catch (GitAPIException ex) {
			if (Files.exists(gitDir.resolve("objects"))) {
				// Analyse what we have rather than nothing; the next analysis tries again.
				log.warn("Fetching {} failed, analysing the copy from {}: {}", repository.name(), last, ex.getMessage());
				return;
			}
			throw new IOException("Cannot clone " + repository.name() + ": " + ex.getMessage(), ex);
		}
	}

	private CredentialsProvider credentials(CodeRepositoryProperties.Repository repository) {
		if (repository.tokenVariable() == null) {
			return null;
		}
		String token = environment.getProperty(repository.tokenVariable());
		return token == null || token.isBlank() ? null : new UsernamePasswordCredentialsProvider("x-access-token", token);
	}

	private static boolean samePath(Path configured, String requested) {
		try {
			Path wanted = Path.of(requested);
			if (configured.toAbsolutePath().normalize().equals(wanted.toAbsolutePath().normalize())) {
				return true;
			}
			// Symbolic links are resolved, so a link to the repository is the repository and nothing else is.
			return Files.exists(configured) && Files.exists(wanted)
					&& Files.isSameFile(configured.toRealPath(), wanted.toRealPath());
		}
		catch (IOException | RuntimeException ex) {
			return false;
		}
	}

	private static String safe(String name) {
		return name.replaceAll("[^A-Za-z0-9._-]", "_");
	}

	/** With no repositories configured, the GitHub repository of the integration is analysed. */
	private static List<CodeRepositoryProperties.Repository> withDefault(List<CodeRepositoryProperties.Repository> configured,
			Environment environment) {
		if (!configured.isEmpty()) {
			return configured;
		}
		String owner = environment.getProperty("GITHUB_REPO_OWNER");
		String name = environment.getProperty("GITHUB_REPO_NAME");
		if (owner == null || name == null || owner.isBlank() || name.isBlank()) {
			return List.of();
		}
		return List.of(new CodeRepositoryProperties.Repository(name, null,
				"https://github.com/" + owner + "/" + name + ".git", null, "GITHUB_TOKEN", List.of(), List.of(), null));
	}

	private static void validate(List<CodeRepositoryProperties.Repository> repositories) {
		List<String> problems = new ArrayList<>();
		Set<String> names = new HashSet<>();
		for (int i = 0; i < repositories.size(); i++) {
			CodeRepositoryProperties.Repository r = repositories.get(i);
			String at = "bugbridge.repositories[" + i + "]";
			if (r.name() == null || r.name().isBlank()) {
				problems.add(at + ".name is missing");
			}
			else if (!names.add(r.name())) {
				problems.add(at + ".name '" + r.name() + "' is used twice");
			}
			if ((r.path() == null) == (r.url() == null)) {
				problems.add(at + " needs exactly one of .path and .url");
			}
		}
		if (!problems.isEmpty()) {
			throw new IllegalStateException("Invalid repository configuration: " + String.join("; ", problems));
		}
	}

	Optional<CodeRepositoryProperties.Repository> byName(String name) {
		return repositories.stream().filter(r -> r.name().equals(name)).findFirst();
	}

	@Override
	public void close() {
		localizers.values().forEach(localizer -> {
			try {
				localizer.close();
			}
			catch (IOException ex) {
				log.warn("Closing a code index failed", ex);
			}
		});
	}

}
