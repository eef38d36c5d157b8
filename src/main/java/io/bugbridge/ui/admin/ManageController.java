package io.bugbridge.ui.admin;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import io.bugbridge.admin.DuplicateMerge;
import io.bugbridge.feedback.FeedbackService;
import io.bugbridge.search.SimilarTicket;
import io.bugbridge.search.TicketSearch;
import io.bugbridge.security.Caller;
import io.bugbridge.security.StaffDirectory;
import io.bugbridge.sla.SlaService;
import io.bugbridge.ticket.IllegalStatusChangeException;
import io.bugbridge.ticket.Labels;
import io.bugbridge.ticket.NewComment;
import io.bugbridge.ticket.Origin;
import io.bugbridge.ticket.Priority;
import io.bugbridge.ticket.Status;
import io.bugbridge.ticket.Ticket;
import io.bugbridge.ticket.TicketService;
import io.bugbridge.ticket.TicketUpdate;
import io.bugbridge.tracker.SyncStates;
import io.bugbridge.tracker.TicketTracker;
import io.bugbridge.ui.Htmx;
import io.bugbridge.ui.TicketAccess;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Managing one ticket: status, assignee, priority, public or internal comments, everything filed,
 * history, possible duplicates and merging. Opens as a modal over the dashboard (htmx), or as a
 * page of its own without script.
 */
@Controller
@RequestMapping("/admin/tickets/{key}")
class ManageController {

	/** htmx event that tells the dashboard's list to refresh itself. */
	static final String TICKET_UPDATED = "ticket-updated";

	private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

	private final TicketService tickets;

	private final SlaService sla;

	private final FeedbackService feedback;

	private final TicketSearch search;

	private final DuplicateMerge merge;

	private final TicketTracker tracker;

	private final StaffDirectory staff;

	private final AnalysisOptions analysis;

	private final org.springframework.beans.factory.ObjectProvider<SyncStates> syncStates;

	/** Candidates below this similarity (0 to 1, absolute) are not offered as duplicates. */
	private final double duplicateThreshold;

	ManageController(TicketService tickets, SlaService sla, FeedbackService feedback, TicketSearch search,
			DuplicateMerge merge, TicketTracker tracker, StaffDirectory staff, AnalysisOptions analysis,
			org.springframework.beans.factory.ObjectProvider<SyncStates> syncStates,
			@org.springframework.beans.factory.annotation.Value("${bugbridge.support.duplicate-threshold:0.35}") double duplicateThreshold) {
		this.syncStates = syncStates;
		this.duplicateThreshold = duplicateThreshold;
		this.tickets = tickets;
		this.sla = sla;
		this.feedback = feedback;
		this.search = search;
		this.merge = merge;
		this.tracker = tracker;
		this.staff = staff;
		this.analysis = analysis;
	}

	@GetMapping
	String show(@PathVariable String key, Model model, HttpServletRequest request) {
		return view(tickets.get(key), model, request);
	}

	@PostMapping
	String update(@PathVariable String key, @RequestParam(required = false) String status,
			@RequestParam(required = false) String priority, @RequestParam(required = false) String assignee,
			Caller caller, Model model, HttpServletRequest request, HttpServletResponse response,
			RedirectAttributes redirect) {
		Ticket ticket = tickets.get(key);
		List<String> problems = new ArrayList<>();
		Status newStatus = parse(Status.class, status, "status", problems);
		Priority newPriority = parse(Priority.class, priority, "priority", problems);
		Optional<String> newAssignee = null;
		if (assignee != null) {
			String wanted = assignee.strip();
			if (wanted.isEmpty()) {
				newAssignee = Optional.empty();
			}
			else if (wanted.length() > 320 || !EMAIL.matcher(wanted).matches()) {
				problems.add("The assignee must be an e-mail address, or empty to unassign.");
			}
			else {
				newAssignee = Optional.of(wanted);
			}
		}
		String notice = null;
		if (problems.isEmpty()) {
			try {
				Ticket updated = tickets.update(ticket.key(),
						new TicketUpdate(newStatus, newPriority, newAssignee, null, null), TicketAccess.actor(caller),
						Origin.LOCAL);
				notice = updated.version() == ticket.version() ? "Nothing changed." : "Saved.";
				ticket = updated;
			}
			catch (IllegalStatusChangeException ex) {
				problems.add(ex.getBody().getDetail());
			}
		}
		return after(ticket, notice, problems, "update", model, request, response, redirect);
	}

	/**
	 * Edits the summary and description (kept in the history, pushed to Jira). Only for tickets filed
	 * here: Jira owns the text of tickets filed there and would overwrite a local edit.
	 */
	@PostMapping("/text")
	String editText(@PathVariable String key, @RequestParam(defaultValue = "") String summary,
			@RequestParam(defaultValue = "") String description, Caller caller, Model model,
			HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
		Ticket ticket = tickets.get(key);
		List<String> problems = new ArrayList<>();
		String newSummary = summary.strip();
		String newDescription = description.strip();
		if (!textEditable(ticket)) {
			problems.add("This ticket was filed in Jira, which owns its summary and description: edit them there.");
		}
		else if (newSummary.isEmpty()) {
			problems.add("The summary cannot be empty.");
		}
		else if (newSummary.length() > 255) {
			problems.add("Keep the summary to 255 characters or fewer.");
		}
		else if (newDescription.length() > 32 * 1024) {
			problems.add("Keep the description to 32768 characters or fewer.");
		}
		String notice = null;
		if (problems.isEmpty()) {
			String wantedDescription = newDescription.isEmpty() && ticket.description() == null ? null : newDescription;
			Ticket updated = tickets.update(ticket.key(),
					new TicketUpdate(null, null, null, newSummary, wantedDescription), TicketAccess.actor(caller),
					Origin.LOCAL);
			notice = updated.version() == ticket.version() ? "Nothing changed." : "Summary and description saved.";
			ticket = updated;
		}
		else {
			model.addAttribute("textOpen", true);
		}
		return after(ticket, notice, problems, "text", model, request, response, redirect);
	}

	static boolean textEditable(Ticket ticket) {
		return !"jira".equals(ticket.source());
	}

	@PostMapping("/comments")
	String comment(@PathVariable String key, @RequestParam(defaultValue = "") String comment,
			@RequestParam(defaultValue = "false") boolean internal, Caller caller, Model model,
			HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
		Ticket ticket = tickets.get(key);
		List<String> problems = new ArrayList<>();
		if (comment.isBlank()) {
			problems.add("Write a comment first.");
		}
		else if (comment.length() > 32 * 1024) {
			problems.add("Keep the comment to 32768 characters or fewer.");
			model.addAttribute("commentText", comment);
		}
		else {
			tickets.addComment(ticket.key(), new NewComment(comment.strip(), internal), TicketAccess.actor(caller));
			ticket = tickets.get(ticket.key());
		}
		String notice = problems.isEmpty() ? internal ? "Internal note added (staff only)." : "Public reply added." : null;
		return after(ticket, notice, problems, "comment", model, request, response, redirect);
	}

	@PostMapping("/merge")
	String merge(@PathVariable String key, @RequestParam(defaultValue = "") String into, Caller caller, Model model,
			HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
		Ticket ticket = tickets.get(key);
		List<String> problems = new ArrayList<>();
		String notice = null;
		try {
			merge.merge(ticket.key(), into, TicketAccess.actor(caller));
			notice = ticket.key() + " was merged into " + into.strip().toUpperCase(java.util.Locale.ROOT)
					+ " and closed.";
			ticket = tickets.get(ticket.key());
		}
		catch (ErrorResponseException ex) {
			problems.add(ex.getBody().getDetail());
		}
		return after(ticket, notice, problems, "duplicates", model, request, response, redirect);
	}

	/** htmx: the modal again, with the outcome; without script: back to the page (post/redirect/get). */
	private String after(Ticket ticket, String notice, List<String> problems, String section, Model model,
			HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
		if (Htmx.isHtmx(request)) {
			model.addAttribute("notice", notice);
			model.addAttribute("problems", problems);
			model.addAttribute("section", section);
			if (problems.isEmpty()) {
				response.setHeader("HX-Trigger", TICKET_UPDATED);
			}
			return view(ticket, model, request);
		}
		redirect.addFlashAttribute("notice", notice);
		redirect.addFlashAttribute("problems", problems);
		return "redirect:/admin/tickets/" + ticket.key() + "#" + section;
	}

	private String view(Ticket ticket, Model model, HttpServletRequest request) {
		model.addAttribute("ticket", ticket);
		model.addAttribute("sla", sla.statusOf(ticket));
		model.addAttribute("rating", feedback.ratingOf(ticket).orElse(null));
		model.addAttribute("comments", tickets.comments(ticket, true));
		model.addAttribute("history", tickets.history(ticket));
		model.addAttribute("links", tickets.links(ticket));
		model.addAttribute("attachments", tickets.attachments(ticket));
		model.addAttribute("duplicates", duplicates(ticket));
		model.addAttribute("statuses", statusChoices(ticket.status()));
		model.addAttribute("priorities", Priority.values());
		model.addAttribute("staff", staff.staffEmails());
		model.addAttribute("trackerUrl", tracker.browseUrl(ticket.key()).orElse(null));
		model.addAttribute("analysis", analysis.availability());
		model.addAttribute("customerReplied", tickets.customerReplies(List.of(ticket.id())).get(ticket.id()));
		SyncController.addTo(model, ticket, syncStates.getIfAvailable());
		model.addAttribute("textEditable", textEditable(ticket));
		model.addAttribute("standalone", !Htmx.isHtmx(request));
		model.addAttribute("duplicateThreshold", duplicateThreshold);
		analysis.addReadiness(ticket, model);
		if (!model.containsAttribute("problems")) {
			model.addAttribute("problems", List.of());
		}
		return Htmx.isHtmx(request) ? "ui/admin/manage :: content" : "ui/admin/manage";
	}

	/** The current status and those the workflow allows from it, in their usual order. */
	static List<Status> statusChoices(Status current) {
		Set<Status> allowed = EnumSet.of(current);
		allowed.addAll(current.nextStatuses());
		return List.copyOf(allowed);
	}

	private List<Duplicate> duplicates(Ticket ticket) {
		if (!search.isReady()) {
			return List.of();
		}
		String text = TicketSearch.reportText(ticket);
		// The index finds candidates (ranked relative to each other); each is then scored on its own.
		List<SimilarTicket> similar = search.similarTo(text, null, List.of(), ticket.id(), 10);
		Map<Long, Ticket> found = new HashMap<>();
		tickets.findAllById(similar.stream().map(SimilarTicket::ticketId).toList()).forEach(t -> found.put(t.id(), t));
		return similar.stream()
			.filter(s -> found.containsKey(s.ticketId()))
			.map(s -> found.get(s.ticketId()))
			.map(t -> new Duplicate(t, similarity(ticket, text, t)))
			.filter(d -> d.score() >= duplicateThreshold)
			.sorted(java.util.Comparator.comparingDouble(Duplicate::score).reversed())
			.limit(5)
			.toList();
	}

	/** The same words or the same meaning, whichever says more alike: both are absolute, 0 to 1. */
	private double similarity(Ticket ticket, String text, Ticket other) {
		double words = Math.min(1, search.textSimilarity(text, TicketSearch.reportText(other)));
		return Math.max(words, search.meaningSimilarity(ticket.id(), other.id()).orElse(0));
	}

	private static <E extends Enum<E>> E parse(Class<E> type, String value, String field, List<String> problems) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Labels.parse(type, value);
		}
		catch (IllegalArgumentException ex) {
			problems.add("Unknown " + field + " '" + value + "'.");
			return null;
		}
	}

	/**
	 * @param score the absolute similarity of the two reports, 0 to 1 (never relative to the best match:
	 * an unrelated ticket must not look like a full match because nothing better exists)
	 */
	record Duplicate(Ticket ticket, double score) {

		public String percent() {
			return Math.round(score * 100) + "%";
		}

	}

}
