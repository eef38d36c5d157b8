package io.bugbridge.ui.admin;

import java.util.List;
import java.util.Optional;

import io.bugbridge.analysis.BugAnalysis;
import io.bugbridge.analysis.BugAnalysisService;
import io.bugbridge.ticket.Actor;
import io.bugbridge.ticket.Priority;
import io.bugbridge.ticket.Status;
import io.bugbridge.ticket.Ticket;
import io.bugbridge.ticket.TicketType;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** When the analysis buttons are offered, and the reason shown when they are not. */
class AnalysisOptionsTests {

	static Ticket ticket(TicketType type) {
		return new Ticket(1, "AURA-1", type, "s", "d", Status.OPEN, Priority.HIGH, "a@x.example", null, "acme", null,
				null, null, null, null, null, null, 0, null, "portal", null, null, 0);
	}

	@Test
	void withoutAnAnalysisServiceBothButtonsAreOffWithTheReason() {
		StaticListableBeanFactory none = new StaticListableBeanFactory();
		AnalysisOptions options = new AnalysisOptions(none.getBeanProvider(BugAnalysisService.class),
				none.getBeanProvider(io.bugbridge.fix.AutoFixService.class));

		AnalysisOptions.Availability availability = options.availability();

		assertThat(availability.analysis()).isFalse();
		assertThat(availability.canAnalyse(ticket(TicketType.BUG))).isFalse();
		assertThat(availability.analyseReason(ticket(TicketType.BUG))).isEqualTo(AnalysisOptions.NO_ENGINE);
		assertThat(availability.autoFixReason(ticket(TicketType.BUG))).isEqualTo(AnalysisOptions.NO_ENGINE);
	}

	@Test
	void withAServiceBugsAreAnalysedAndAutoFixFollowsItsCapabilities() {
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		beans.addBean("analysis", new StubAnalysis(new BugAnalysisService.Capabilities("engine", false, "No AI key.")));
		AnalysisOptions.Availability off = new AnalysisOptions(beans.getBeanProvider(BugAnalysisService.class),
				beans.getBeanProvider(io.bugbridge.fix.AutoFixService.class))
			.availability();
		StaticListableBeanFactory on = new StaticListableBeanFactory();
		on.addBean("analysis", new StubAnalysis(new BugAnalysisService.Capabilities("engine", true, null)));
		AnalysisOptions.Availability available = new AnalysisOptions(on.getBeanProvider(BugAnalysisService.class),
				on.getBeanProvider(io.bugbridge.fix.AutoFixService.class))
			.availability();

		assertThat(off.canAnalyse(ticket(TicketType.BUG))).isTrue();
		assertThat(off.canAnalyse(ticket(TicketType.FEATURE))).isFalse();
		assertThat(off.analyseReason(ticket(TicketType.SUPPORT))).isEqualTo(AnalysisOptions.BUGS_ONLY);
		assertThat(off.canAutoFix(ticket(TicketType.BUG))).isFalse();
		assertThat(off.autoFixReason(ticket(TicketType.BUG))).isEqualTo("No AI key.");
		assertThat(available.canAutoFix(ticket(TicketType.BUG))).isTrue();
		assertThat(available.autoFixReason(ticket(TicketType.BUG))).isNull();
	}

	record StubAnalysis(Capabilities capabilities) implements BugAnalysisService {

		@Override
		public BugAnalysis request(String ticketKey, String codebase, Actor requestedBy) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Optional<BugAnalysis> find(long analysisId) {
			return Optional.empty();
		}

		@Override
		public Optional<BugAnalysis> latest(String ticketKey) {
			return Optional.empty();
		}

		@Override
		public List<BugAnalysis> history(String ticketKey) {
			return List.of();
		}

		@Override
		public io.bugbridge.analysis.Readiness readiness(String ticketKey) {
			throw new UnsupportedOperationException();
		}

	}

}
