package io.bugbridge.notify;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NotifyPropertiesTests {

	@Test
	void backoffDoublesUpToItsCap() {
		NotifyProperties.Retry retry = new NotifyProperties.Retry(10, Duration.ofSeconds(30), Duration.ofMinutes(5));

		assertThat(List.of(1, 2, 3, 4, 5, 6, 9).stream().map(retry::backoffAfter).map(Duration::toSeconds))
			.containsExactly(30L, 60L, 120L, 240L, 300L, 300L, 300L);
	}

	@Test
	void adminRecipientsFromAnEnvironmentVariableLoseTheirBlanks() {
		NotifyProperties properties = new NotifyProperties("bb@example.com",
				List.of(" ops@example.com", "", " ", "lead@example.com ", "ops@example.com"), null,
				new NotifyProperties.Slack(null), new NotifyProperties.Retry(1, Duration.ZERO, Duration.ZERO));

		assertThat(properties.adminRecipients()).containsExactly("ops@example.com", "lead@example.com");
	}

}
