package io.bugbridge.ui.admin;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.bugbridge.security.Caller;
import io.bugbridge.ticket.Ticket;
import io.bugbridge.ticket.TicketService;
import io.bugbridge.tracker.SyncRetry;
import io.bugbridge.tracker.SyncStates;
import io.bugbridge.tracker.SyncStates.State;
import io.bugbridge.ui.Htmx;
import io.bugbridge.ui.TicketAccess;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The Jira sync line of the Manage page: its state, refreshing itself while changes are on their
 * way, and the admin's "Retry Jira sync" for what Jira refused or keeps failing on.
 */
@Controller
@RequestMapping("/admin/tickets/{key}/sync")
class SyncController {

	/** States an admin can do something about: refused, backing off, or never sent. */
	private static final Set<State> RETRYABLE = EnumSet.of(State.FAILED, State.RETRYING, State.NOT_LINKED);

	/** States that change by themselves soon: the line refreshes itself while in one. */
	private static final Set<State> MOVING = EnumSet.of(State.PENDING, State.RETRYING);

	private final TicketService tickets;

	private final ObjectProvider<SyncStates> states;

	private final ObjectProvider<SyncRetry> retries;

	SyncController(TicketService tickets, ObjectProvider<SyncStates> states, ObjectProvider<SyncRetry> retries) {
		this.tickets = tickets;
		this.states = states;
		this.retries = retries;
	}

	/** The model of the sync line; nothing without Jira (the template then shows no line). */
	static void addTo(Model model, Ticket ticket, SyncStates states) {
		SyncStates.SyncState sync = states == null ? null : states.of(List.of(ticket.id())).get(ticket.id());
		model.addAttribute("sync", sync);
		model.addAttribute("syncPolling", sync != null && MOVING.contains(sync.state()));
		model.addAttribute("syncRetryable", sync != null && RETRYABLE.contains(sync.state()));
	}

	@GetMapping
	String show(@PathVariable String key, Model model) {
		Ticket ticket = tickets.get(key);
		model.addAttribute("ticket", ticket);
		addTo(model, ticket, states.getIfAvailable());
		return "ui/admin/manage :: sync-status";
	}

	@PostMapping("/retry")
	String retry(@PathVariable String key, Caller caller, Model model, HttpServletRequest request,
			RedirectAttributes redirect) {
		Ticket ticket = tickets.get(key);
		SyncRetry retry = retries.getIfAvailable();
		String notice;
		if (retry == null) {
			notice = "Jira is not configured: there is nothing to retry.";
		}
		else {
			SyncRetry.Retried retried = retry.retry(ticket.id(), TicketAccess.actor(caller));
			notice = retried.nothing() ? "Nothing to retry: no change is refused or waiting for a retry."
					: "Retrying: " + retried.describe() + ".";
		}
		if (!Htmx.isHtmx(request)) {
			redirect.addFlashAttribute("notice", notice);
			return "redirect:/admin/tickets/" + ticket.key() + "#sync-status";
		}
		model.addAttribute("ticket", ticket);
		model.addAttribute("syncNotice", notice);
		addTo(model, ticket, states.getIfAvailable());
		return "ui/admin/manage :: sync-status";
	}

}
