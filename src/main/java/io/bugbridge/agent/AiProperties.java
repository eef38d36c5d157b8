package io.bugbridge.agent;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Claude agent ({@code bugbridge.ai.*}). On when {@code ANTHROPIC_API_KEY} is set.
 *
 * @param apiKey Anthropic API key; never logged or sent anywhere but Anthropic's endpoint
 * @param baseUrl Anthropic's endpoint, or a gateway or proxy ({@code ANTHROPIC_BASE_URL})
 * @param model the model id; the brief's {@code claude-sonnet-4-20250514} is retired
 * @param maxRetries retries of 408, 409, 429 and 5xx (529 included) answers, honouring
 * {@code retry-after}
 * @param requestTimeout one request at most; a run's wall-time limit may cut it shorter
 * @param maxOutputTokensPerTurn {@code max_tokens} of one request
 * @param analysis the limits of one analysis run
 * @param fix the limits of one Auto-Fix run
 * @param dailyUsd what the whole installation may spend per UTC day over all runs; 0 = no limit
 * @param prices USD per million tokens by model id (longest matching prefix wins)
 * @param autoThreshold readiness (0–100) a bug needs for an automatic Claude run
 * @param redactPatterns extra regular expressions whose matches are redacted before anything
 * reaches the model or a log
 */
@ConfigurationProperties("bugbridge.ai")
public record AiProperties(String apiKey, @DefaultValue("https://api.anthropic.com") String baseUrl,
		@DefaultValue("claude-sonnet-5") String model, @DefaultValue("4") int maxRetries,
		@DefaultValue("5m") Duration requestTimeout, @DefaultValue("8192") long maxOutputTokensPerTurn,
		Budget analysis, Budget fix, @DefaultValue("50") BigDecimal dailyUsd,
		Map<String, Price> prices, @DefaultValue("40") int autoThreshold, List<String> redactPatterns) {

	/** The Sonnet price when a model is missing from the table: an estimate that says so. */
	static final Price FALLBACK_PRICE = new Price(new BigDecimal("3"), new BigDecimal("15"), new BigDecimal("0.30"),
			new BigDecimal("3.75"));

	public AiProperties {
		baseUrl = baseUrl == null || baseUrl.isBlank() ? "https://api.anthropic.com" : baseUrl.strip();
		prices = prices == null || prices.isEmpty() ? defaultPrices() : Map.copyOf(prices);
		redactPatterns = redactPatterns == null ? List.of() : List.copyOf(redactPatterns);
		analysis = analysis == null ? Budget.ANALYSIS : analysis.orDefaults(Budget.ANALYSIS);
		fix = fix == null ? Budget.FIX : fix.orDefaults(Budget.FIX);
	}

	/** Whether Claude is switched on. */
	public boolean configured() {
		return apiKey != null && !apiKey.isBlank();
	}

	/** The price of a model: the entry whose key is the longest prefix of the id. */
	public Price price(String modelId) {
		Price best = null;
		int bestLength = -1;
		for (Map.Entry<String, Price> entry : prices.entrySet()) {
			if (modelId.startsWith(entry.getKey()) && entry.getKey().length() > bestLength) {
				best = entry.getValue();
				bestLength = entry.getKey().length();
			}
		}
		return best == null ? FALLBACK_PRICE : best;
	}

	public boolean priced(String modelId) {
		return prices.keySet().stream().anyMatch(modelId::startsWith);
	}

	/** Anthropic's list prices (USD per million tokens), cache writes at the 5-minute rate. */
	private static Map<String, Price> defaultPrices() {
		return Map.of("claude-sonnet", FALLBACK_PRICE,
				"claude-opus-4-5", new Price(new BigDecimal("5"), new BigDecimal("25"), new BigDecimal("0.50"), new BigDecimal("6.25")),
				"claude-opus", new Price(new BigDecimal("5"), new BigDecimal("25"), new BigDecimal("0.50"), new BigDecimal("6.25")),
				"claude-haiku", new Price(new BigDecimal("1"), new BigDecimal("5"), new BigDecimal("0.10"), new BigDecimal("1.25")));
	}

	/** USD per million tokens. */
	public record Price(BigDecimal input, BigDecimal output, BigDecimal cacheRead, BigDecimal cacheWrite) {
	}

}
