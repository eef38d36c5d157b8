package io.bugbridge.ticket;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LabelsTests {

	@Test
	void acceptsTheSpellingsPortalsAndJiraUse() {
		assertThat(Status.fromLabel("In Progress")).isEqualTo(Status.IN_PROGRESS);
		assertThat(Status.fromLabel("in  progress")).isEqualTo(Status.IN_PROGRESS);
		assertThat(Status.fromLabel("IN_PROGRESS")).isEqualTo(Status.IN_PROGRESS);
		assertThat(Priority.fromLabel("critical")).isEqualTo(Priority.CRITICAL);
		assertThat(SupportCategory.fromLabel("Billing")).isEqualTo(SupportCategory.BILLING);
	}

	@Test
	void rejectsAnythingElseListingTheAllowedValues() {
		assertThatThrownBy(() -> Priority.fromLabel("Urgent")).hasMessageContaining("Urgent")
			.hasMessageContaining("[Low, Medium, High, Critical]");
		assertThatThrownBy(() -> Status.fromLabel(null)).isInstanceOf(IllegalArgumentException.class);
	}

}
