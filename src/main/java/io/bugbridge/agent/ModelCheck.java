package io.bugbridge.agent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.anthropic.models.models.ModelInfo;

/**
 * Checks the key and the model with one cheap call ({@code GET /v1/models/{id}}), for
 * {@code doctor}, the health page and the console. A retired or unknown model is a clear line, not
 * a stack trace; the answer is kept a few minutes so pages do not call Anthropic on every view.
 */
public class ModelCheck {

	private static final Duration KEEP = Duration.ofMinutes(5);

	private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

	private final ClaudeAgent agent;

	private final Clock clock;

	private volatile Result last;

	ModelCheck(ClaudeAgent agent, Clock clock) {
		this.agent = agent;
		this.clock = clock;
	}

	/**
	 * @param state {@code OFF} (no key), {@code OK} or {@code FAIL}
	 * @param detail what was found, e.g. the model's display name or the reason it failed
	 * @param hint what to set, when something needs fixing
	 */
	public record Result(State state, String detail, String hint, Instant checkedAt) {

		public enum State {
			OFF, OK, FAIL
		}

	}

	public Result check() {
		Result cached = last;
		if (cached != null && cached.checkedAt().plus(KEEP).isAfter(clock.instant())) {
			return cached;
		}
		return refresh();
	}

	public Result refresh() {
		Result result;
		if (!agent.configured()) {
			result = new Result(Result.State.OFF, "ANTHROPIC_API_KEY is not set: analyses come from the offline index",
					"set ANTHROPIC_API_KEY (and ANTHROPIC_BASE_URL for a gateway)", clock.instant());
		}
		else {
			try {
				// A short, unretried call: pages and health probes wait for it while the cache is cold.
				ModelInfo info = agent.client()
					.withOptions(options -> options.maxRetries(0))
					.models()
					.retrieve(agent.model(), com.anthropic.core.RequestOptions.builder().timeout(CALL_TIMEOUT).build());
				result = new Result(Result.State.OK, "model " + info.id() + " (" + info.displayName() + ") answers at "
						+ agent.baseUrl(), null, clock.instant());
			}
			catch (RuntimeException ex) {
				ProviderError error = ProviderError.of(ex, agent.model(), agent.baseUrl());
				result = new Result(Result.State.FAIL, error.reason(), hint(error), clock.instant());
			}
		}
		last = result;
		return result;
	}

	private static String hint(ProviderError error) {
		if (error.reason().contains("model")) {
			return "set bugbridge.ai.model (BUGBRIDGE_AI_MODEL) to a current model, e.g. claude-sonnet-5";
		}
		if (error.reason().contains("API key")) {
			return "set ANTHROPIC_API_KEY to a valid key";
		}
		return "check ANTHROPIC_BASE_URL and the network; it is retried on the next check";
	}

}
