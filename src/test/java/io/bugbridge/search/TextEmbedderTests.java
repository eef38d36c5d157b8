package io.bugbridge.search;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Texts the model refuses (blank ones) reach the embedder from hostile or odd tickets: they must get
 * an answer, not an exception, which once stopped the embedding worker for every later ticket.
 */
class TextEmbedderTests {

	private final TextEmbedder embedder = new TextEmbedder(1000, 0.5, null);

	@Test
	void aBlankFirstLineIsNotMixedInAndABlankTextIsSimilarToNothing() {
		float[] whole = embedder.embed("The nightly export fails with a timeout");
		float[] blankTitle = embedder.embed(" \t \nThe nightly export fails with a timeout");
		assertThat(cosine(whole, blankTitle)).isGreaterThan(0.95);

		float[] blank = embedder.embed(" \n\t ");
		assertThat(blank).hasSize(TextEmbedder.DIMENSIONS);
		assertThat(cosine(blank, whole)).isCloseTo(0.0, within(1e-9));
	}

	@Test
	void theSummaryWeighsInWhenMoreFollows() {
		float[] report = embedder.embed("Invoice PDF is blank\nWhen I download last month's invoice the file opens empty.");
		float[] withoutTitle = new TextEmbedder(1000, 0, null)
			.embed("Invoice PDF is blank\nWhen I download last month's invoice the file opens empty.");
		float[] title = embedder.embed("Invoice PDF is blank");
		assertThat(cosine(report, title)).isGreaterThan(cosine(withoutTitle, title));
	}

	private static double cosine(float[] a, float[] b) {
		double dot = 0;
		for (int i = 0; i < a.length; i++) {
			dot += a[i] * b[i];
		}
		return dot;
	}

}
