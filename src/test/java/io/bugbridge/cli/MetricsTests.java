package io.bugbridge.cli;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MetricsTests {

	@Test
	void averagePrecisionCountsUnrankedGoldFilesAsMissed() {
		Metrics m = new Metrics();
		// Gold b at rank 2, d at rank 4, e never ranked: AP = (1/2 + 2/4 + 0) / 3.
		Metrics.Score s = m.add(List.of("a", "b", "c", "d"), List.of("b", "d", "e"));
		assertThat(s.firstRank()).isEqualTo(2);
		assertThat(s.averagePrecision()).isCloseTo(1.0 / 3, within(1e-9));
		assertThat(m.accuracy(1)).isZero();
		assertThat(m.accuracy(5)).isEqualTo(1.0);
		assertThat(m.meanReciprocalRank()).isEqualTo(0.5);
	}

	@Test
	void averagesOverReports() {
		Metrics m = new Metrics();
		m.add(List.of("x", "y"), List.of("x"));
		m.add(List.of("p", "q"), List.of("z"));
		assertThat(m.count()).isEqualTo(2);
		assertThat(m.accuracy(1)).isEqualTo(0.5);
		assertThat(m.meanAveragePrecision()).isEqualTo(0.5);
		assertThat(m.meanReciprocalRank()).isEqualTo(0.5);
	}

}
