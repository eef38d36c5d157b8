package io.bugbridge.agent;

import tools.jackson.databind.JsonNode;

/**
 * How a run ended.
 *
 * @param answer the final answer when {@link Outcome#ANSWERED}, already checked by
 * {@link FinalAnswer#problems}; null otherwise
 * @param reason why it ended without an answer, in words for the console; null when answered
 * @param retryable whether trying again later may help (overload, rate limit, network)
 */
public record AgentRun(Outcome outcome, JsonNode answer, String reason, boolean retryable, Usage usage) {

	public enum Outcome {

		/** A valid final answer. */
		ANSWERED,
		/** A budget limit stopped the run. */
		LIMIT_REACHED,
		/** The model declined, ended without an answer or gave an invalid one twice. */
		NO_ANSWER,
		/** Anthropic could not be used: key, model, network, overload. */
		PROVIDER_ERROR,
		/** Cancelled by an admin. */
		CANCELLED

	}

	public boolean answered() {
		return outcome == Outcome.ANSWERED;
	}

}
