package io.bugbridge.ui.admin;

import io.bugbridge.analysis.BugAnalysisService;
import io.bugbridge.fix.AutoFixService;
import io.bugbridge.analysis.Readiness;
import io.bugbridge.ticket.Ticket;
import io.bugbridge.ticket.TicketType;
import org.springframework.beans.factory.ObjectProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * Whether "Analyze with AI" and "Auto-Fix" can be offered, and if not, why: the dashboard shows
 * the reason next to the disabled buttons rather than hiding them.
 */
@Component
class AnalysisOptions {

	private static final Logger log = LoggerFactory.getLogger(AnalysisOptions.class);

	static final String NO_ENGINE = "No bug analysis is available in this installation: no analysis engine is"
			+ " configured.";

	static final String BUGS_ONLY = "Only bug reports are analysed.";

	/** The run button names the engine that will run: Claude costs tokens, the offline index nothing. */
	static final String RUN_CLAUDE = "Analyze with Claude";

	static final String RUN_OFFLINE = "Analyze offline";

	static final String RUN_AI = "Analyze with AI";

	private final ObjectProvider<BugAnalysisService> analyses;

	private final ObjectProvider<AutoFixService> fixes;

	AnalysisOptions(ObjectProvider<BugAnalysisService> analyses, ObjectProvider<AutoFixService> fixes) {
		this.analyses = analyses;
		this.fixes = fixes;
	}

	BugAnalysisService service() {
		return analyses.getIfAvailable();
	}

	/** The ticket's readiness for an AI run; null when nothing analyses it or it cannot be assessed. */
	Readiness readiness(Ticket ticket) {
		BugAnalysisService service = service();
		if (service == null || ticket.type() != TicketType.BUG) {
			return null;
		}
		try {
			return service.readiness(ticket.key());
		}
		catch (RuntimeException ex) {
			log.warn("Could not assess the readiness of {}", ticket.key(), ex);
			return null;
		}
	}

	/** A manual Claude run of a report below the threshold must be confirmed; offline runs cost nothing. */
	static boolean needsConfirmation(BugAnalysisService service, Readiness readiness) {
		return service != null && service.claude() && readiness != null && !readiness.ready();
	}

	/** {@code readiness}, {@code claude} and {@code confirmRun} for the pages that offer a run. */
	void addReadiness(Ticket ticket, Model model) {
		BugAnalysisService service = service();
		Readiness readiness = readiness(ticket);
		model.addAttribute("readiness", readiness);
		model.addAttribute("claude", service != null && service.claude());
		model.addAttribute("confirmRun", needsConfirmation(service, readiness));
	}

	Availability availability() {
		BugAnalysisService service = analyses.getIfAvailable();
		if (service == null) {
			return new Availability(false, NO_ENGINE, false, NO_ENGINE, null, RUN_AI);
		}
		BugAnalysisService.Capabilities capabilities = service.capabilities();
		AutoFixService fix = fixes.getIfAvailable();
		AutoFixService.Availability autoFix = fix == null ? null : fix.availability(true);
		boolean available = autoFix != null ? autoFix.available() : capabilities.autoFixAvailable();
		String autoFixReason = available ? null
				: autoFix != null ? autoFix.reason()
						: capabilities.autoFixUnavailableReason() != null ? capabilities.autoFixUnavailableReason()
								: "Auto-Fix is not available in this installation.";
		String runLabel = service.claude() ? RUN_CLAUDE : RUN_OFFLINE;
		if (capabilities.analysisUnavailableReason() != null) {
			return new Availability(false, capabilities.analysisUnavailableReason(), available, autoFixReason,
					capabilities.engine(), runLabel);
		}
		return new Availability(true, null, available, autoFixReason, capabilities.engine(), runLabel);
	}

	/**
	 * @param analysisReason why analysis is off (null when on); autoFixReason likewise
	 * @param runLabel the run button, naming the engine that will run
	 */
	record Availability(boolean analysis, String analysisReason, boolean autoFix, String autoFixReason, String engine,
			String runLabel) {

		public boolean canAnalyse(Ticket ticket) {
			return analysis && ticket.type() == TicketType.BUG;
		}

		public boolean canAutoFix(Ticket ticket) {
			return autoFix && ticket.type() == TicketType.BUG;
		}

		public String analyseReason(Ticket ticket) {
			return !analysis ? analysisReason : ticket.type() != TicketType.BUG ? BUGS_ONLY : null;
		}

		public String autoFixReason(Ticket ticket) {
			return !autoFix ? autoFixReason : ticket.type() != TicketType.BUG ? BUGS_ONLY : null;
		}

	}

}
