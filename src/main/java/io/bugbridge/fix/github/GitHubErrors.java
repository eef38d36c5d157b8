package io.bugbridge.fix.github;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.http.HttpHeaders;
import tools.jackson.databind.JsonNode;

/**
 * Turns a GitHub error answer into a {@link GitHubException}, following GitHub's rate-limit rules
 * (docs "Rate limits for the REST API"): primary limit = 403/429 with {@code x-ratelimit-remaining: 0},
 * wait until {@code x-ratelimit-reset}; secondary limit = 403/429 with a message, honour
 * {@code retry-after}, else wait at least a minute.
 */
final class GitHubErrors {

	static final Duration SECONDARY_LIMIT_WAIT = Duration.ofMinutes(1);

	private GitHubErrors() {
	}

	/**
	 * @param what the thing asked for, as a noun phrase: "the pull request"
	 * @param token removed from the message in case GitHub ever echoes it
	 */
	static GitHubException from(String what, int status, HttpHeaders headers, String body, String token, Clock clock) {
		String reason = reason(body);
		Duration retryAfter = retryAfter(headers);
		boolean exhausted = "0".equals(headers.getFirst("x-ratelimit-remaining"));
		boolean rateLimited = (status == 403 || status == 429) && (exhausted || retryAfter != null || status == 429
				|| reason.toLowerCase(Locale.ROOT).contains("rate limit"));
		String message;
		Duration wait = null;
		boolean retryable;
		if (rateLimited) {
			Instant reset = reset(headers);
			if (retryAfter != null) {
				wait = retryAfter;
			}
			else if (exhausted && reset != null) {
				Duration untilReset = Duration.between(clock.instant(), reset);
				wait = untilReset.isNegative() ? Duration.ZERO : untilReset;
			}
			else {
				wait = SECONDARY_LIMIT_WAIT;
			}
			retryable = true;
			message = "GitHub rate limit reached for " + what + " (" + status + ")" + suffix(reason) + "; retry in "
					+ wait.toSeconds() + "s";
		}
		else if (status >= 500) {
			wait = retryAfter;
			retryable = true;
			message = "GitHub failed on " + what + " (" + status + ")" + suffix(reason) + "; retry later";
		}
		else {
			retryable = false;
			message = "GitHub refused " + what + " (" + status + ")" + suffix(reason) + hint(status);
		}
		return new GitHubException(redact(message, token), status, retryable, wait);
	}

	static String redact(String message, String token) {
		return token == null || token.isEmpty() ? message : message.replace(token, "***");
	}

	private static String hint(int status) {
		return switch (status) {
			case 401 -> " (check GITHUB_TOKEN)";
			case 404 -> " (check GITHUB_REPO_OWNER, GITHUB_REPO_NAME and that the token can see the repository)";
			default -> "";
		};
	}

	private static String suffix(String reason) {
		return reason.isEmpty() ? "" : ": " + reason;
	}

	/** {@code errors[].message} when GitHub says what exactly is wrong (422), else {@code message}. */
	private static String reason(String body) {
		if (body == null || body.isBlank()) {
			return "";
		}
		try {
			JsonNode json = GitHubJson.MAPPER.readTree(body);
			List<String> parts = new ArrayList<>();
			for (JsonNode error : json.path("errors")) {
				if (error.isString()) {
					parts.add(error.asString());
				}
				else if (error.hasNonNull("message")) {
					parts.add(error.path("message").asString());
				}
				else if (error.has("code")) {
					parts.add(error.path("field").asString(error.path("resource").asString("")) + " "
							+ error.path("code").asString());
				}
			}
			String text = parts.isEmpty() ? json.path("message").asString("") : String.join("; ", parts);
			return CheckState.truncate(text.strip(), 500);
		}
		catch (RuntimeException notJson) {
			return "";
		}
	}

	private static Duration retryAfter(HttpHeaders headers) {
		String value = headers.getFirst("retry-after");
		if (value == null) {
			return null;
		}
		try {
			return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
		}
		catch (NumberFormatException notSeconds) {
			return null;
		}
	}

	private static Instant reset(HttpHeaders headers) {
		String value = headers.getFirst("x-ratelimit-reset");
		try {
			return value == null ? null : Instant.ofEpochSecond(Long.parseLong(value.trim()));
		}
		catch (NumberFormatException unparseable) {
			return null;
		}
	}

}
