package io.bugbridge.analysis.service;

import io.bugbridge.ticket.Actor;
import io.bugbridge.ticket.Ticket;
import io.bugbridge.ticket.UrgentBugFiled;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Analyses new High and Critical bugs without being asked, whether filed on the portal or created
 * in the tracker. Queued in the creating transaction: a ticket that is not stored is not analysed.
 */
@Component
class AutoAnalysis {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(AutoAnalysis.class);

	private final DefaultBugAnalysisService analyses;

	private final AnalysisProperties properties;

	AutoAnalysis(DefaultBugAnalysisService analyses, AnalysisProperties properties) {
		this.analyses = analyses;
		this.properties = properties;
	}

	@EventListener
	void on(UrgentBugFiled event) {
		Ticket ticket = event.ticket();
		if (properties.autoAnalyze() && analyses.hasRepositories()) {
			try {
				analyses.request(ticket.key(), null, Actor.SYSTEM);
			}
			catch (RuntimeException ex) {
				// Filing the ticket matters more than analysing it: a full queue must not fail intake.
				log.warn("Could not queue the automatic analysis of {}: {}", ticket.key(), ex.getMessage());
			}
		}
	}

}
