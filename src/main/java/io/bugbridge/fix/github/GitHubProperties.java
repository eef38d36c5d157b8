package io.bugbridge.fix.github;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The GitHub repository that Auto-Fix pull requests go to. See docs/configuration.md.
 *
 * @param token fine-grained or classic token with pull request, contents, issues (comments) and
 * commit status / checks read access; sent as a bearer token, never logged ({@code GITHUB_TOKEN})
 * @param owner user or organisation of the repository ({@code GITHUB_REPO_OWNER})
 * @param repo repository name ({@code GITHUB_REPO_NAME})
 * @param apiUrl REST root, {@code https://HOST/api/v3} for GitHub Enterprise Server ({@code GITHUB_API_URL})
 * @param webhookSecret secret of the repository webhook; unsigned or forged deliveries are refused,
 * and all of them are refused while it is unset ({@code GITHUB_WEBHOOK_SECRET})
 * @param pollInterval how often open Auto-Fix pull requests are polled when webhooks are missing
 * @param connectTimeout TCP connect timeout of GitHub calls
 * @param readTimeout time limit of one GitHub call
 */
@ConfigurationProperties("bugbridge.github")
public record GitHubProperties(String token, String owner, String repo,
		@DefaultValue("https://api.github.com") String apiUrl, String webhookSecret,
		@DefaultValue("2m") Duration pollInterval, @DefaultValue("10s") Duration connectTimeout,
		@DefaultValue("30s") Duration readTimeout) {

	public GitHubProperties {
		token = blankToNull(token);
		owner = blankToNull(owner);
		repo = blankToNull(repo);
		webhookSecret = blankToNull(webhookSecret);
		apiUrl = blankToNull(apiUrl) == null ? "https://api.github.com" : stripTrailingSlash(apiUrl.trim());
		pollInterval = pollInterval == null ? Duration.ofMinutes(2) : pollInterval;
		connectTimeout = connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout;
		readTimeout = readTimeout == null ? Duration.ofSeconds(30) : readTimeout;
	}

	/** Token, owner and repository are all set (the webhook secret is optional: polling covers it). */
	public boolean configured() {
		return missing().isEmpty();
	}

	/** The environment variables still to set before pull requests can be opened, in a stable order. */
	public List<String> missing() {
		List<String> missing = new ArrayList<>();
		if (token == null) {
			missing.add("GITHUB_TOKEN");
		}
		if (owner == null) {
			missing.add("GITHUB_REPO_OWNER");
		}
		if (repo == null) {
			missing.add("GITHUB_REPO_NAME");
		}
		return List.copyOf(missing);
	}

	/** {@code owner/repo}, as webhook payloads name it in {@code repository.full_name}. */
	public String fullName() {
		return owner + "/" + repo;
	}

	@Override
	public String toString() {
		// Never print the token or the secret.
		return "GitHubProperties[owner=" + owner + ", repo=" + repo + ", apiUrl=" + apiUrl + ", token="
				+ (token == null ? "unset" : "***") + ", webhookSecret=" + (webhookSecret == null ? "unset" : "***")
				+ ", pollInterval=" + pollInterval + ", connectTimeout=" + connectTimeout + ", readTimeout="
				+ readTimeout + "]";
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.trim();
	}

	private static String stripTrailingSlash(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

}
