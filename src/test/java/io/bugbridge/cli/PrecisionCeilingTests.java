package io.bugbridge.cli;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The ceiling {@code bench duplicates} prints next to P@3. */
class PrecisionCeilingTests {

	@Test
	void aQueryWithOneRelatedReportCanReachOneThirdAtMost() {
		assertThat(PrecisionCeiling.of(List.of(1, 1, 1, 1), 3)).isCloseTo(1.0 / 3, within(1e-9));
	}

	@Test
	void moreRelatedReportsThanSuggestionsCountAsAFullList() {
		// 3 of 3, 3 of 3 (capped) and 2 of 3: (1 + 1 + 2/3) / 3.
		assertThat(PrecisionCeiling.of(List.of(3, 7, 2), 3)).isCloseTo((1 + 1 + 2.0 / 3) / 3, within(1e-9));
	}

	@Test
	void dependsOnHowManySuggestionsAreJudged() {
		assertThat(PrecisionCeiling.of(List.of(2, 4), 1)).isEqualTo(1.0);
		assertThat(PrecisionCeiling.of(List.of(2, 4), 5)).isCloseTo((0.4 + 0.8) / 2, within(1e-9));
	}

	@Test
	void noQueriesHaveNoCeiling() {
		assertThat(PrecisionCeiling.of(List.of(), 3)).isZero();
	}

}
