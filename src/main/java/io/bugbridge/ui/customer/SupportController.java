package io.bugbridge.ui.customer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.bugbridge.search.SimilarTicket;
import io.bugbridge.search.TicketSearch;
import io.bugbridge.security.Caller;
import io.bugbridge.ticket.AttachmentRejectedException;
import io.bugbridge.ticket.NewAttachment;
import io.bugbridge.ticket.Priority;
import io.bugbridge.ticket.Status;
import io.bugbridge.ticket.SupportCategory;
import io.bugbridge.ticket.Ticket;
import io.bugbridge.ticket.TicketQuery;
import io.bugbridge.ticket.TicketService;
import io.bugbridge.ticket.TicketType;
import io.bugbridge.tracker.TicketTracker;
import io.bugbridge.tracker.TrackerReceipt;
import io.bugbridge.ui.TicketAccess;
import io.bugbridge.ui.Uploads;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

/**
 * The Support Center: choose what to file, fill in the form, get the ticket number. While the
 * customer types, open tickets of their account that say much the same are suggested, so they can
 * follow one instead of filing a duplicate.
 */
@Controller
@RequestMapping("/support")
class SupportController {

	/** The brief's prioritisation guide for bugs, shown next to the choice. */
	static final List<PriorityOption> PRIORITIES = List.of(
			new PriorityOption(Priority.CRITICAL, "System down, data loss risk"),
			new PriorityOption(Priority.HIGH, "Major functionality broken, many users affected"),
			new PriorityOption(Priority.MEDIUM, "Important feature affected, workaround exists"),
			new PriorityOption(Priority.LOW, "Minor issue, cosmetic problems"));

	/** What each priority means for a feature request: how much the missing feature costs. */
	static final List<PriorityOption> FEATURE_PRIORITIES = List.of(
			new PriorityOption(Priority.CRITICAL, "We cannot go live or keep using the product without it"),
			new PriorityOption(Priority.HIGH, "Many users lose real time every day without it"),
			new PriorityOption(Priority.MEDIUM, "Would clearly improve regular work; we manage meanwhile"),
			new PriorityOption(Priority.LOW, "Nice to have"));

	/** What each priority means for a support request: how blocked the customer is. */
	static final List<PriorityOption> SUPPORT_PRIORITIES = List.of(
			new PriorityOption(Priority.CRITICAL, "We cannot work at all, or data is at risk"),
			new PriorityOption(Priority.HIGH, "A team is blocked and has no workaround"),
			new PriorityOption(Priority.MEDIUM, "Something important is hard; a workaround exists"),
			new PriorityOption(Priority.LOW, "A question, or help with something minor"));

	static List<PriorityOption> priorities(TicketType type) {
		return switch (type) {
			case BUG -> PRIORITIES;
			case FEATURE -> FEATURE_PRIORITIES;
			case SUPPORT -> SUPPORT_PRIORITIES;
		};
	}

	static final int RECENT = 5;

	/** The link from a new ticket to the done one it continues. */
	static final String FOLLOW_UP_OF = "follow_up_of";

	private static final List<Status> OPEN = List.of(Status.OPEN, Status.IN_PROGRESS, Status.WAITING_FOR_CUSTOMER);

	private final TicketService tickets;

	private final TicketSearch search;

	private final TicketTracker tracker;

	private final Uploads uploads;

	private final TicketAccess access;

	SupportController(TicketService tickets, TicketSearch search, TicketTracker tracker, Uploads uploads,
			TicketAccess access) {
		this.tickets = tickets;
		this.search = search;
		this.tracker = tracker;
		this.uploads = uploads;
		this.access = access;
	}

	@GetMapping
	String choose(Caller caller, Model model) {
		model.addAttribute("recent", tickets.search(new TicketQuery(TicketAccess.scope(caller), null, null, null, null,
				RECENT, null)));
		return "ui/support/choose";
	}

	@GetMapping("/new/{kind}")
	String form(@PathVariable String kind, @RequestParam(required = false) String follows,
			@RequestParam(required = false) String expired, Caller caller, Model model) {
		model.addAttribute("follows", followed(follows, caller));
		model.addAttribute("expired", expired != null);
		return form(type(kind), TicketForm.empty(), Map.of(), caller, model);
	}

	@PostMapping("/new/{kind}")
	String file(@PathVariable String kind, @ModelAttribute TicketForm form,
			@RequestParam(name = "screenshots", required = false) List<MultipartFile> screenshots,
			@RequestParam(required = false) String follows, Caller caller, Model model, HttpServletResponse response) {
		TicketType type = type(kind);
		Ticket followed = followed(follows, caller);
		model.addAttribute("follows", followed);
		Map<String, String> errors = new java.util.LinkedHashMap<>(form.validate(type));
		if (caller.email() == null) {
			errors.put("summary", "Your account has no e-mail address, so we could not reply to you. Ask your"
					+ " administrator to add one.");
		}
		List<NewAttachment> files = Uploads.chosen(screenshots);
		if (files.size() > Uploads.FILES_PER_FORM) {
			errors.put("screenshots", "Attach at most " + Uploads.FILES_PER_FORM + " screenshots at a time.");
		}
		for (NewAttachment file : files) {
			try {
				tickets.checkAttachment(file);
			}
			catch (AttachmentRejectedException ex) {
				errors.putIfAbsent("screenshots", refusal(ex));
			}
		}
		if (errors.isEmpty()) {
			try {
				Ticket ticket = tickets.create(form.toNewTicket(type, caller), files, TicketAccess.actor(caller));
				if (followed != null) {
					tickets.link(ticket.key(), FOLLOW_UP_OF, followed.key(), TicketAccess.actor(caller));
				}
				// Committed; as on the API, the tracker gets a bounded moment to give it its own key.
				TrackerReceipt receipt = tracker.confirmIntake(ticket);
				return "redirect:/support/filed/" + receipt.key() + (receipt.isPending() ? "?pending" : "");
			}
			catch (AttachmentRejectedException ex) {
				errors.put("screenshots", refusal(ex));
			}
		}
		if (!files.isEmpty() && !errors.containsKey("screenshots")) {
			errors.putIfAbsent("screenshotsAgain", "Browsers do not keep chosen files when a form comes back:"
					+ " choose your screenshots again.");
		}
		response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
		return form(type, form, errors, caller, model);
	}

	@GetMapping("/filed/{key}")
	String filed(@PathVariable String key, @RequestParam(required = false) String pending, Caller caller,
			Model model) {
		Ticket ticket = access.visible(key, caller);
		model.addAttribute("ticket", ticket);
		model.addAttribute("kind", kind(ticket.type()));
		model.addAttribute("pending", pending != null);
		model.addAttribute("attachments", tickets.attachments(ticket));
		model.addAttribute("trackerUrl", tracker.browseUrl(ticket.key()).orElse(null));
		return "ui/support/filed";
	}

	/** Open tickets of the caller's account resembling what they are typing; a fragment for htmx. */
	@GetMapping("/suggestions")
	String suggestions(@RequestParam(defaultValue = "") String summary,
			@RequestParam(defaultValue = "") String description, Caller caller, Model model) {
		String text = (summary + "\n" + description).strip();
		List<Ticket> found = List.of();
		if (summary.strip().length() >= 4 && text.length() <= 4000 && search.isReady()) {
			List<SimilarTicket> similar = search.similarTo(text, TicketAccess.scope(caller), OPEN, null, 5);
			Map<Long, Ticket> byId = new HashMap<>();
			tickets.findAllById(similar.stream().map(SimilarTicket::ticketId).toList()).forEach(t -> byId.put(t.id(), t));
			found = similar.stream()
				.map(s -> byId.get(s.ticketId()))
				.filter(t -> t != null && caller.canSeeTicketsOf(t.customerId()))
				.toList();
		}
		model.addAttribute("suggestions", found);
		return "ui/support/form :: suggestions";
	}

	/** The done ticket a new one follows up on (its reply no longer reopens it); null when none or not visible. */
	private Ticket followed(String key, Caller caller) {
		if (key == null || key.isBlank()) {
			return null;
		}
		return tickets.findByKey(key).filter(t -> caller.canSeeTicketsOf(t.customerId())).orElse(null);
	}

	private String form(TicketType type, TicketForm form, Map<String, String> errors, Caller caller, Model model) {
		model.addAttribute("type", type);
		model.addAttribute("kind", kind(type));
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		model.addAttribute("priorities", priorities(type));
		model.addAttribute("categories", SupportCategory.values());
		model.addAttribute("maxSize", uploads.maxSize());
		model.addAttribute("maxFiles", Uploads.FILES_PER_FORM);
		return "ui/support/form";
	}

	static TicketType type(String kind) {
		return switch (kind) {
			case "bug" -> TicketType.BUG;
			case "feature" -> TicketType.FEATURE;
			case "support" -> TicketType.SUPPORT;
			default -> throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No such form");
		};
	}

	static String kind(TicketType type) {
		return switch (type) {
			case BUG -> "bug";
			case FEATURE -> "feature";
			case SUPPORT -> "support";
		};
	}

	private static String refusal(AttachmentRejectedException ex) {
		return (ex.fileName() == null ? "" : ex.fileName() + ": ") + capitalise(ex.reason()) + ". Nothing was filed yet.";
	}

	private static String capitalise(String text) {
		return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
	}

	/** One choice of the priority field with its guidance. */
	record PriorityOption(Priority priority, String guidance) {
	}

}
