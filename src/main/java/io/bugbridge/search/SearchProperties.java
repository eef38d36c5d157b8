package io.bugbridge.search;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The admin console's ticket search index.
 *
 * @param directory where the Lucene index lives; default {@code <data dir>/index/tickets}. Each node
 * needs its own.
 * @param pollInterval how often the node checks the change feed for writes made by other nodes
 * @param embeddings semantic matching for possible duplicates and similar-ticket suggestions
 */
@ConfigurationProperties("bugbridge.search")
public record SearchProperties(Path directory, @DefaultValue("1s") Duration pollInterval,
		@DefaultValue Embeddings embeddings) {

	public SearchProperties {
		if (embeddings == null) {
			embeddings = Embeddings.DEFAULTS;
		}
	}

	/**
	 * Sentence embeddings (all-MiniLM-L6-v2, in process) blended with the lexical score.
	 *
	 * @param enabled off: similarity is lexical only, the model is never loaded
	 * @param weight share of the embedding cosine in the blended score (0 to 1)
	 * @param minSimilarity cosine from which a ticket sharing no distinctive word with the text is
	 * still suggested
	 * @param maxChars characters of a ticket's text that are embedded (its beginning)
	 * @param titleWeight share of the summary's own embedding in a ticket's vector (0 to 1; 0 embeds
	 * summary and text as one)
	 * @param identifierWeight share of the code names (class, file, method names) two tickets have in
	 * common in the final score (0 to 1)
	 */
	public record Embeddings(@DefaultValue("true") boolean enabled, @DefaultValue("0.9") double weight,
			@DefaultValue("0.5") double minSimilarity, @DefaultValue("1000") int maxChars,
			@DefaultValue("0.5") double titleWeight, @DefaultValue("0.2") double identifierWeight) {

		public static final Embeddings DEFAULTS = new Embeddings(true, 0.9, 0.5, 1000, 0.5, 0.2);

		public Embeddings {
			if (weight < 0 || weight > 1) {
				throw new IllegalArgumentException("bugbridge.search.embeddings.weight must be between 0 and 1");
			}
			if (titleWeight < 0 || titleWeight > 1 || identifierWeight < 0 || identifierWeight > 1) {
				throw new IllegalArgumentException(
						"bugbridge.search.embeddings.title-weight and identifier-weight must be between 0 and 1");
			}
			if (maxChars < 1) {
				throw new IllegalArgumentException("bugbridge.search.embeddings.max-chars must be positive");
			}
		}

	}

}
