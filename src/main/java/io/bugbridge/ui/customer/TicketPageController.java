package io.bugbridge.ui.customer;

import java.util.List;

import io.bugbridge.feedback.FeedbackException;
import io.bugbridge.feedback.FeedbackService;
import io.bugbridge.security.Caller;
import io.bugbridge.ticket.AttachmentRejectedException;
import io.bugbridge.ticket.NewAttachment;
import io.bugbridge.ticket.NewComment;
import io.bugbridge.ticket.Ticket;
import io.bugbridge.ticket.PublicAuthors;
import io.bugbridge.ticket.TicketService;
import io.bugbridge.ticket.TicketType;
import io.bugbridge.tracker.TicketTracker;
import io.bugbridge.ui.TicketAccess;
import io.bugbridge.ui.Uploads;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A ticket's own page, {@code /tickets/{key}} (the address e-mails and the API's {@code url} link
 * to): what was filed, public comments only, a reply box, screenshots, rating once resolved, votes
 * on feature requests, and the tracker's page when there is one.
 */
@Controller
@RequestMapping("/tickets/{key}")
class TicketPageController {

	static final int MAX_COMMENT = 32 * 1024;

	static final int MAX_RATING_COMMENT = 4000;

	private final TicketService tickets;

	private final FeedbackService feedback;

	private final TicketTracker tracker;

	private final TicketAccess access;

	private final Uploads uploads;

	private final PublicAuthors authors;

	TicketPageController(TicketService tickets, FeedbackService feedback, TicketTracker tracker, TicketAccess access,
			Uploads uploads, PublicAuthors authors) {
		this.authors = authors;
		this.tickets = tickets;
		this.feedback = feedback;
		this.tracker = tracker;
		this.access = access;
		this.uploads = uploads;
	}

	@GetMapping
	String show(@PathVariable String key, @RequestParam(required = false) String rate,
			@RequestParam(required = false) String expired, Caller caller, Model model) {
		model.addAttribute("expired", expired != null);
		Ticket ticket = access.visible(key, caller);
		if (rate != null) {
			// The rating link of the "resolved" e-mail: straight to the stars.
			return "redirect:/tickets/" + ticket.key() + "#rating";
		}
		return page(ticket, caller, model);
	}

	@PostMapping("/comments")
	String reply(@PathVariable String key, @RequestParam(defaultValue = "") String comment, Caller caller, Model model,
			RedirectAttributes redirect, HttpServletResponse response) {
		Ticket ticket = access.visible(key, caller);
		String problem = comment.isBlank() ? "Write a reply first."
				: comment.length() > MAX_COMMENT ? "Keep your reply to " + MAX_COMMENT + " characters or fewer." : null;
		if (problem != null) {
			model.addAttribute("replyError", problem);
			model.addAttribute("replyText", comment);
			response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
			return page(ticket, caller, model);
		}
		tickets.addComment(ticket.key(), NewComment.publicComment(comment.strip()), TicketAccess.actor(caller));
		Ticket after = tickets.get(ticket.key());
		redirect.addFlashAttribute("replySent", true);
		redirect.addFlashAttribute("notice", after.status() != ticket.status()
				? "Your reply was added and the ticket is back with our team (" + after.status().label() + ")."
				: "Your reply was added.");
		return "redirect:/tickets/" + ticket.key() + "#comments";
	}

	@PostMapping("/rating")
	String rate(@PathVariable String key, @RequestParam(required = false) Integer score,
			@RequestParam(defaultValue = "") String comment, Caller caller, RedirectAttributes redirect) {
		Ticket ticket = access.visible(key, caller);
		if (!caller.isCustomer()) {
			redirect.addFlashAttribute("problem", "Only customers rate tickets.");
		}
		else if (score == null || score < 1 || score > 5) {
			redirect.addFlashAttribute("problem", "Choose from 1 to 5 stars.");
		}
		else if (comment.length() > MAX_RATING_COMMENT) {
			redirect.addFlashAttribute("problem", "Keep your feedback to " + MAX_RATING_COMMENT + " characters.");
		}
		else {
			try {
				feedback.rate(ticket, score, comment, caller.email() != null ? caller.email() : caller.subject());
				redirect.addFlashAttribute("notice", "Thank you for rating our help.");
			}
			catch (FeedbackException ex) {
				redirect.addFlashAttribute("problem", ex.getBody().getDetail());
			}
		}
		return "redirect:/tickets/" + ticket.key() + "#rating";
	}

	@PostMapping("/vote")
	String vote(@PathVariable String key, @RequestParam(defaultValue = "add") String action, Caller caller,
			RedirectAttributes redirect) {
		Ticket ticket = access.visible(key, caller);
		if (!caller.isCustomer()) {
			redirect.addFlashAttribute("problem", "Only customers vote on feature requests.");
		}
		else {
			try {
				if ("remove".equals(action)) {
					feedback.unvote(ticket, caller.subject());
					redirect.addFlashAttribute("notice", "Your vote was taken back.");
				}
				else {
					feedback.vote(ticket, caller.subject(), caller.email());
					redirect.addFlashAttribute("notice", "Thank you for your vote.");
				}
			}
			catch (FeedbackException ex) {
				redirect.addFlashAttribute("problem", ex.getBody().getDetail());
			}
		}
		return "redirect:/tickets/" + ticket.key() + "#votes";
	}

	@PostMapping("/screenshots")
	String attach(@PathVariable String key,
			@RequestParam(name = "screenshots", required = false) List<MultipartFile> screenshots, Caller caller,
			RedirectAttributes redirect) {
		Ticket ticket = access.visible(key, caller);
		List<NewAttachment> files = Uploads.chosen(screenshots);
		if (files.isEmpty()) {
			redirect.addFlashAttribute("problem", "Choose a screenshot first.");
		}
		else if (files.size() > Uploads.FILES_PER_FORM) {
			redirect.addFlashAttribute("problem", "Attach at most " + Uploads.FILES_PER_FORM + " screenshots at a time.");
		}
		else {
			int added = 0;
			try {
				for (NewAttachment file : files) {
					tickets.addAttachment(ticket.key(), file, TicketAccess.actor(caller));
					added++;
				}
				redirect.addFlashAttribute("notice", added == 1 ? "Screenshot added." : added + " screenshots added.");
			}
			catch (AttachmentRejectedException ex) {
				redirect.addFlashAttribute("problem", (added > 0 ? added + " added; " : "")
						+ (ex.fileName() == null ? "" : ex.fileName() + ": ") + ex.reason() + ".");
			}
		}
		return "redirect:/tickets/" + ticket.key() + "#attachments";
	}

	private String page(Ticket ticket, Caller caller, Model model) {
		var rating = feedback.ratingOf(ticket).orElse(null);
		model.addAttribute("ticket", ticket);
		// Customers' pages never carry internal comments, whoever looks at them.
		// Customers see staff under the support team's name, never a staff e-mail address.
		model.addAttribute("comments", caller.isAdmin() ? tickets.comments(ticket, false)
				: tickets.comments(ticket, false).stream().map(authors::forCustomer).toList());
		model.addAttribute("attachments", tickets.attachments(ticket));
		model.addAttribute("rating", rating);
		model.addAttribute("canRate", caller.isCustomer() && ticket.status().isDone() && rating == null);
		model.addAttribute("canVote", caller.isCustomer() && ticket.type() == TicketType.FEATURE);
		model.addAttribute("voted", ticket.type() == TicketType.FEATURE && feedback.hasVoted(ticket, caller.subject()));
		model.addAttribute("trackerUrl", tracker.browseUrl(ticket.key()).orElse(null));
		model.addAttribute("replyEffect", tickets.replyEffect(ticket));
		model.addAttribute("followUpUrl", "/support/new/" + SupportController.kind(ticket.type()) + "?follows="
				+ ticket.key());
		model.addAttribute("maxSize", uploads.maxSize());
		model.addAttribute("maxFiles", Uploads.FILES_PER_FORM);
		return "ui/tickets/detail";
	}

}
