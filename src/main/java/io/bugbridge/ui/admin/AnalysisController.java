package io.bugbridge.ui.admin;

import io.bugbridge.analysis.BugAnalysis;
import io.bugbridge.analysis.BugAnalysisService;
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

/**
 * The bug analysis modal: starts an analysis ("Analyze with AI", "Auto-Fix"), shows its progress
 * while it runs (the modal polls this controller about once a second) and then the analysis, the
 * files to examine with their evidence, the fix approach and the pull request.
 */
@Controller
@RequestMapping("/admin/tickets/{key}")
class AnalysisController {

	private static final Logger log = LoggerFactory.getLogger(AnalysisController.class);

	private final TicketService tickets;

	private final AnalysisOptions options;

	private final TicketTracker tracker;

	AnalysisController(TicketService tickets, AnalysisOptions options, TicketTracker tracker) {
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
	String analyse(@PathVariable String key, Caller caller, Model model, HttpServletRequest request) {
		return start(tickets.get(key), false, caller, model, request);
	}

	@PostMapping("/auto-fix")
	String autoFix(@PathVariable String key, Caller caller, Model model, HttpServletRequest request) {
		return start(tickets.get(key), true, caller, model, request);
	}

	private String start(Ticket ticket, boolean fix, Caller caller, Model model, HttpServletRequest request) {
		AnalysisOptions.Availability availability = options.availability();
		BugAnalysisService service = options.service();
		String refusal = fix ? availability.autoFixReason(ticket) : availability.analyseReason(ticket);
		if (refusal != null || service == null) {
			BugAnalysis latest = service == null ? null : service.latest(ticket.key()).orElse(null);
			return view(ticket, latest, refusal != null ? refusal : AnalysisOptions.NO_ENGINE, model, request);
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

	private String view(Ticket ticket, BugAnalysis analysis, String problem, Model model, HttpServletRequest request) {
		model.addAttribute("ticket", ticket);
		model.addAttribute("analysis", analysis);
		model.addAttribute("problem", problem);
		model.addAttribute("options", options.availability());
		model.addAttribute("trackerUrl", tracker.browseUrl(ticket.key()).orElse(null));
		return Htmx.isHtmx(request) ? "ui/admin/analysis :: content" : "ui/admin/analysis";
	}

}
