package io.bugbridge.agent;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.RequestOptions;
import com.anthropic.models.messages.Message;
import io.bugbridge.agent.AgentRun.Outcome;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent loop: a hand-written tool-use loop over the Messages API, so every budget is checked
 * between turns (the SDK's tool runner would only let us stop after the fact). Everything sent is
 * redacted; the model's tool calls go to the task's tools; the run ends only through the final
 * answer tool, whose input the service checks (one repair turn, then the run fails cleanly).
 */
public class ClaudeAgent {

	private static final Logger log = LoggerFactory.getLogger(ClaudeAgent.class);

	/** Tool output beyond this is cut: one huge file must not eat a run's token budget. */
	static final int MAX_TOOL_RESULT_CHARS = 40_000;


	private final AiProperties properties;

	private final Redactor redactor;

	private final UsageLedger ledger;

	private final MeterRegistry meters;

	private volatile AnthropicClient client;

	ClaudeAgent(AiProperties properties, Redactor redactor, UsageLedger ledger, MeterRegistry meters) {
		this.properties = properties;
		this.redactor = redactor;
		this.ledger = ledger;
		this.meters = meters;
	}

	public boolean configured() {
		return properties.configured();
	}

	public String model() {
		return properties.model();
	}

	public String baseUrl() {
		return properties.baseUrl();
	}

	public AiProperties properties() {
		return properties;
	}

	public Redactor redactor() {
		return redactor;
	}

	AnthropicClient client() {
		AnthropicClient existing = client;
		if (existing == null) {
			synchronized (this) {
				if (client == null) {
					client = AnthropicOkHttpClient.builder()
						.apiKey(properties.apiKey())
						.baseUrl(properties.baseUrl())
						.maxRetries(properties.maxRetries())
						.timeout(properties.requestTimeout())
						.build();
				}
				existing = client;
			}
		}
		return existing;
	}

	/** Runs a task to its final answer or to a limit. Never throws for provider or tool failures. */
	public AgentRun run(AgentTask task, BooleanSupplier cancelled) {
		if (!configured()) {
			return new AgentRun(Outcome.PROVIDER_ERROR, null, "ANTHROPIC_API_KEY is not set", false, Usage.none(model()));
		}
		long started = System.nanoTime();
		Conversation turns = new Conversation(task, model(), redactor);
		Usage usage = Usage.none(model());
		AgentRun run = null;
		while (run == null) {
			Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
			run = beforeTurn(task, usage, elapsed, cancelled);
			if (run != null) {
				break;
			}
			Message response;
			try {
				response = client().messages().create(turns.params(maxTokens(task, usage)), RequestOptions.builder()
					.timeout(shorter(properties.requestTimeout(), task.budget().maxWallTime().minus(elapsed)))
					.build());
			}
			catch (RuntimeException ex) {
				ProviderError error = ProviderError.of(ex, model(), baseUrl());
				run = new AgentRun(Outcome.PROVIDER_ERROR, null, error.reason(), error.retryable(), usage);
				break;
			}
			usage = account(task, usage, response);
			run = turns.answer(response);
		}
		Usage total = usage.withDuration(Duration.ofNanos(System.nanoTime() - started).toMillis());
		meters.counter("bugbridge.ai.runs", "purpose", task.purpose(), "outcome", run.outcome().name().toLowerCase())
			.increment();
		log.info("Claude {} of {}: {} after {} turns, {} tokens, USD {}{}", task.purpose(), task.ticketKey(),
				run.outcome(), total.turns(), total.totalTokens(), total.usd().toPlainString(),
				run.reason() == null ? "" : " (" + run.reason() + ")");
		return new AgentRun(run.outcome(), run.answer(), run.reason(), run.retryable(), total);
	}

	private AgentRun beforeTurn(AgentTask task, Usage usage, Duration elapsed, BooleanSupplier cancelled) {
		if (cancelled.getAsBoolean()) {
			return new AgentRun(Outcome.CANCELLED, null, "cancelled by an admin", false, usage);
		}
		String limit = task.budget().reached(usage, elapsed);
		if (limit != null) {
			return new AgentRun(Outcome.LIMIT_REACHED, null, "stopped by the " + limit, false, usage);
		}
		if (properties.dailyUsd().signum() > 0 && ledger.spentToday().compareTo(properties.dailyUsd()) >= 0) {
			return new AgentRun(Outcome.LIMIT_REACHED, null, "stopped by the installation's daily cost limit (USD "
					+ properties.dailyUsd().toPlainString() + ")", true, usage);
		}
		return null;
	}

	private long maxTokens(AgentTask task, Usage usage) {
		long left = task.budget().maxTokens() - usage.totalTokens();
		return Math.max(256, Math.min(properties.maxOutputTokensPerTurn(), left));
	}

	private Usage account(AgentTask task, Usage usage, Message response) {
		var u = response.usage();
		long input = u.inputTokens();
		long output = u.outputTokens();
		long cacheRead = u.cacheReadInputTokens().orElse(0L);
		long cacheWrite = u.cacheCreationInputTokens().orElse(0L);
		Usage next = usage.plusTurn(input, output, cacheRead, cacheWrite, properties.price(model()));
		ledger.record(task.purpose(), task.ticketKey(), model(), input, output, cacheRead, cacheWrite,
				next.usd().subtract(usage.usd()));
		meters.counter("bugbridge.ai.tokens", "purpose", task.purpose(), "type", "input").increment(input);
		meters.counter("bugbridge.ai.tokens", "purpose", task.purpose(), "type", "output").increment(output);
		meters.counter("bugbridge.ai.tokens", "purpose", task.purpose(), "type", "cache_read").increment(cacheRead);
		meters.counter("bugbridge.ai.tokens", "purpose", task.purpose(), "type", "cache_write").increment(cacheWrite);
		meters.counter("bugbridge.ai.cost.usd", "purpose", task.purpose())
			.increment(next.usd().subtract(usage.usd()).doubleValue());
		return next;
	}

	private static Duration shorter(Duration a, Duration b) {
		Duration floor = Duration.ofSeconds(5);
		Duration min = a.compareTo(b) <= 0 ? a : b;
		return min.compareTo(floor) < 0 ? floor : min;
	}

}
