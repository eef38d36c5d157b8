package io.bugbridge.fix;

import java.util.ArrayList;
import java.util.List;

import io.bugbridge.agent.ClaudeAgent;
import io.bugbridge.fix.agent.FixExecutor;
import io.bugbridge.fix.github.GitHubProperties;
import io.bugbridge.fix.sandbox.Sandbox;
import io.bugbridge.fix.workspace.ChangeLimits;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Which repository a fix runs in and whether everything it needs is configured, named exactly so
 * that a 409 or the console can say what to set.
 */
@Component
class FixSettings {

	private final FixRepositoryProperties repositories;

	private final FixProperties properties;

	private final GitHubProperties github;

	private final ClaudeAgent agent;

	private final Sandbox sandbox;

	private final ObjectProvider<FixExecutor> executor;

	FixSettings(FixRepositoryProperties repositories, FixProperties properties, GitHubProperties github,
			ClaudeAgent agent, Sandbox sandbox, ObjectProvider<FixExecutor> executor) {
		this.executor = executor;
		this.repositories = repositories;
		this.properties = properties;
		this.github = github;
		this.agent = agent;
		this.sandbox = sandbox;
	}

	FixProperties properties() {
		return properties;
	}

	GitHubProperties github() {
		return github;
	}

	/**
	 * @param token for pushing over HTTPS; null for a {@code file://} remote
	 */
	record Target(FixRepositoryProperties.Repository repository, String remote, String token, ChangeLimits limits) {
	}

	Target target(String name) {
		FixRepositoryProperties.Repository repository = repositories.repositories()
			.stream()
			.filter(r -> r.name() != null && r.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("repository " + name + " is no longer configured"));
		String remote = remote(repository);
		String token = remote != null && remote.startsWith("https:") ? github.token() : null;
		return new Target(repository, remote, token, repository.limits());
	}

	/** The repository a request names (by name), or the first configured one. */
	String repositoryName(String codebase) {
		return repositories.repositories()
			.stream()
			.filter(r -> codebase == null || codebase.isBlank() || codebase.equals(r.name())
					|| r.path() != null && codebase.equals(r.path().toString()))
			.map(FixRepositoryProperties.Repository::name)
			.findFirst()
			.orElse(null);
	}

	AutoFixService.Availability availability(boolean createPr) {
		List<String> missing = new ArrayList<>();
		if (!agent.configured()) {
			missing.add("ANTHROPIC_API_KEY");
		}
		String executorProblem = executor.getObject().unavailable();
		if (executorProblem != null) {
			// e.g. bugbridge.ai.executor=claude-code without the CLI: "... npm install -g @anthropic-ai/claude-code@2.1"
			missing.add(executorProblem);
		}
		List<FixRepositoryProperties.Repository> configured = repositories.repositories();
		if (configured.isEmpty()) {
			missing.add(github.owner() != null && github.repo() != null ? "bugbridge.repositories[0].test-command"
					: "bugbridge.repositories[0].url (or .path)");
		}
		else if (configured.get(0).testCommand() == null || configured.get(0).testCommand().isBlank()) {
			missing.add("bugbridge.repositories[0].test-command");
		}
		if (createPr) {
			missing.addAll(github.missing());
		}
		Sandbox.Availability isolation = sandbox.availability();
		if (!isolation.available()) {
			missing.add("bubblewrap (apt-get install bubblewrap) or bugbridge.fix.sandbox.unsandboxed=true");
		}
		String reason = missing.isEmpty() ? null : "Auto-Fix needs: " + String.join(", ", missing) + ".";
		return new AutoFixService.Availability(missing.isEmpty(), List.copyOf(missing), reason, isolation.description());
	}

	private String remote(FixRepositoryProperties.Repository repository) {
		String remote = repository.remote();
		if (remote == null && github.owner() != null && github.repo() != null) {
			return "https://github.com/" + github.owner() + "/" + github.repo() + ".git";
		}
		return remote;
	}

}
