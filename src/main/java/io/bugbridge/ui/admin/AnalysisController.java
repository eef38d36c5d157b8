package io.bugbridge.ui.admin;

import io.bugbridge.analysis.BugAnalysis;
import io.bugbridge.analysis.BugAnalysisService;
import io.bugbridge.fix.AutoFixService;
import io.bugbridge.analysis.Readiness;
import io.bugbridge.security.Caller;
import io.bugbridge.ticket.Ticket;
import io.bugbridge.ticket.TicketService;
import io.bugbridge.tracker.TicketTracker;
import io.bugbridge.ui.Htmx;
import io.bugbridge.ui.TicketAccess;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The bug analysis modal: starts an analysis ("Analyze with AI", "Auto-Fix"), shows its progress
 * while it runs (the modal polls this controller about once a second) and then the analysis, the
 * files to examine with their evidence, the fix approach and the pull request.
 *
 * <p>Before tokens are spent the page shows the report's readiness. With Claude configured, a run
 * of a report below the readiness threshold needs {@code confirm=true}: the form shows a required
 * checkbox (no script, so the strict Content-Security-Policy holds), and a post without it (the
 * dashboard's one-click button, an old form) gets this page back with the readiness and the
 * checkbox instead of a run. API callers ({@code POST /api/jira/admin/analyze-bug}) are not asked:
 * a client that calls the API has decided already, and the response carries the readiness.
 */
@Controller
@RequestMapping("/admin/tickets/{key}")
class AnalysisController {

	private static final Logger log = LoggerFactory.getLogger(AnalysisController.class);

	private final TicketService tickets;

	private final AnalysisOptions options;

	private final TicketTracker tracker;

	private final AutoFixService fixes;

	AnalysisController(TicketService tickets, AnalysisOptions options, TicketTracker tracker, AutoFixService fixes) {
		this.fixes = fixes;
		this.tickets = tickets;
		this.options = options;
		this.tracker = tracker;
	}

	@GetMapping("/analysis")
	String show(@PathVariable String key, Model model, HttpServletRequest request) {
		Ticket ticket = tickets.get(key);
		BugAnalysisService service = options.service();
		return view(ticket, service == null ? null : service.latest(ticket.key()).orElse(null), null, model, request);
	}

	@PostMapping("/analysis")
	String analyse(@PathVariable String key, @RequestParam(defaultValue = "false") boolean confirm, Caller caller,
			Model model, HttpServletRequest request) {
		return start(tickets.get(key), confirm, caller, model, request);
	}

	/**
	 * Auto-Fix: the analysis it starts from and the fix run. {@code pr=false} tests a fix and shows
	 * the diff without pushing. Offered only when everything it needs is configured; the button's
	 * own confirmation stands for the readiness question (a fix is asked for deliberately).
	 */
	@PostMapping("/auto-fix")
	String autoFix(@PathVariable String key, @RequestParam(defaultValue = "true") boolean pr, Caller caller, Model model,
			HttpServletRequest request) {
		Ticket ticket = tickets.get(key);
		String refusal = options.availability().autoFixReason(ticket);
		if (refusal != null) {
			return view(ticket, latest(ticket), refusal, model, request);
		}
		try {
			BugAnalysis analysis = options.service().request(ticket.key(), null, TicketAccess.actor(caller));
			fixes.request(ticket.key(), pr, TicketAccess.actor(caller));
			return view(ticket, analysis, null, model, request);
		}
		catch (ErrorResponseException ex) {
			return view(ticket, latest(ticket), Problems.sentence(ex), model, request);
		}
	}

	@PostMapping("/auto-fix/{id}/cancel")
	String cancelFix(@PathVariable String key, @PathVariable long id, Caller caller, Model model,
			HttpServletRequest request) {
		Ticket ticket = tickets.get(key);
		fixes.find(id).filter(run -> run.ticketKey().equals(ticket.key()))
			.ifPresent(run -> fixes.cancel(run.id(), TicketAccess.actor(caller)));
		return view(ticket, latest(ticket), null, model, request);
	}

	private BugAnalysis latest(Ticket ticket) {
		BugAnalysisService service = options.service();
		return service == null ? null : service.latest(ticket.key()).orElse(null);
	}

	private String start(Ticket ticket, boolean confirmed, Caller caller, Model model,
			HttpServletRequest request) {
		AnalysisOptions.Availability availability = options.availability();
		BugAnalysisService service = options.service();
		String refusal = availability.analyseReason(ticket);
		if (refusal != null || service == null) {
			BugAnalysis latest = service == null ? null : service.latest(ticket.key()).orElse(null);
			return view(ticket, latest, refusal != null ? refusal : AnalysisOptions.NO_ENGINE, model, request);
		}
		Readiness readiness = options.readiness(ticket);
		if (!confirmed && AnalysisOptions.needsConfirmation(service, readiness)) {
			return view(ticket, service.latest(ticket.key()).orElse(null), confirmation(readiness), model, request);
		}
		try {
			return view(ticket, service.request(ticket.key(), null, TicketAccess.actor(caller)), null, model, request);
		}
		catch (ErrorResponseException ex) {
			return view(ticket, service.latest(ticket.key()).orElse(null), Problems.sentence(ex), model, request);
		}
		catch (RuntimeException ex) {
			log.warn("Could not start an analysis of {}", ticket.key(), ex);
			return view(ticket, service.latest(ticket.key()).orElse(null),
					"The analysis could not be started. Try again later; the service log has the details.", model,
					request);
		}
	}

	static String confirmation(Readiness readiness) {
		return "This report scores " + readiness.score() + "/100 for an AI run, below the threshold of "
				+ readiness.threshold() + ": Claude may spend tokens without finding much. Tick the confirmation"
				+ " to run it anyway, or add what is missing first.";
	}

	private String view(Ticket ticket, BugAnalysis analysis, String problem, Model model, HttpServletRequest request) {
		model.addAttribute("ticket", ticket);
		model.addAttribute("analysis", analysis);
		model.addAttribute("shown", analysis == null ? null : AnalysisPresentation.of(analysis));
		options.addReadiness(ticket, model);
		model.addAttribute("problem", problem);
		model.addAttribute("options", options.availability());
		model.addAttribute("trackerUrl", tracker.browseUrl(ticket.key()).orElse(null));
		model.addAttribute("fix", fixes.latest(ticket.key()).orElse(null));
		return Htmx.isHtmx(request) ? "ui/admin/analysis :: content" : "ui/admin/analysis";
	}

}
