package io.bugbridge.agent;

import com.anthropic.errors.AnthropicIoException;
import com.anthropic.errors.AnthropicServiceException;

/**
 * Anthropic's failures in words an admin can act on. The SDK has already retried what is worth
 * retrying (429, 529, other 5xx, network) honouring {@code retry-after}; what arrives here is final
 * for this attempt.
 *
 * @param retryable whether a later attempt may succeed (overload, rate limit, network)
 */
public record ProviderError(String reason, boolean retryable) {

	static ProviderError of(RuntimeException ex, String model, String baseUrl) {
		if (ex instanceof AnthropicServiceException service) {
			String detail = service.apiMessage().map(m -> ": " + clip(m)).orElse("");
			int status = service.statusCode();
			return switch (status) {
				case 401 -> new ProviderError("API key rejected by Anthropic (401); check ANTHROPIC_API_KEY", false);
				case 402 -> new ProviderError("Anthropic refused for billing reasons (402)" + detail, false);
				case 403 -> new ProviderError("the API key may not use model " + model + " (403)" + detail, false);
				case 404 -> new ProviderError("model not available: " + model + " (404); set bugbridge.ai.model to a"
						+ " current model id", false);
				case 429 -> new ProviderError("rate limited by Anthropic (429) after retries" + detail, true);
				case 529 -> new ProviderError("Anthropic is overloaded (529) after retries; try again later", true);
				case 400 -> detail.toLowerCase(java.util.Locale.ROOT).contains("model")
						? new ProviderError("model not available: " + model + " (400)" + detail, false)
						: new ProviderError("Anthropic refused the request (400)" + detail, false);
				default -> new ProviderError("Anthropic answered " + status + detail, status >= 500);
			};
		}
		if (ex instanceof AnthropicIoException) {
			return new ProviderError("cannot reach Anthropic at " + baseUrl + ": " + rootMessage(ex), true);
		}
		return new ProviderError("calling Anthropic failed: " + rootMessage(ex), false);
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getMessage() == null ? root.getClass().getSimpleName() : clip(root.getMessage());
	}

	private static String clip(String text) {
		return text.length() <= 300 ? text : text.substring(0, 297) + "...";
	}

}
