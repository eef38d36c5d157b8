package io.bugbridge.ui.admin;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.bugbridge.admin.AiStatus;
import io.bugbridge.admin.StatsService;
import io.bugbridge.search.SearchUnavailableException;
import io.bugbridge.search.TicketSearch;
import io.bugbridge.search.TicketSearchResult;
import io.bugbridge.sla.SlaService;
import io.bugbridge.sla.SlaStatus;
import io.bugbridge.ticket.InvalidCursorException;
import io.bugbridge.ticket.Priority;
import io.bugbridge.ticket.Status;
import io.bugbridge.ticket.Ticket;
import io.bugbridge.ticket.TicketService;
import io.bugbridge.ticket.TicketStatistics;
import io.bugbridge.ticket.TicketType;
import io.bugbridge.security.Caller;
import io.bugbridge.tracker.SyncStates;
import io.bugbridge.tracker.TicketTracker;
import io.bugbridge.ui.TicketAccess;
import io.bugbridge.ui.Htmx;
import io.bugbridge.ui.LiveUpdates;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The admin dashboard: the brief's six numbers and the 30-day chart, kept live over server-sent
 * events; filters in the URL; the ticket list with SLA state and quick actions.
 */
@Controller
@RequestMapping("/admin")
class DashboardController {

	static final int CHART_DAYS = 30;

	/** How many tickets the "not in Jira" filter lists at most. */
	static final int NOT_SYNCED_LIMIT = 200;

	private final StatsService stats;

	private final TicketStatistics statistics;

	private final TicketSearch search;

	private final TicketService tickets;

	private final SlaService sla;

	private final TicketTracker tracker;

	private final AnalysisOptions analysis;

	private final LiveUpdates live;

	private final Clock clock;

	private final org.springframework.beans.factory.ObjectProvider<AiStatus> ai;

	private final org.springframework.beans.factory.ObjectProvider<SyncStates> syncStates;

	private final TicketAccess access;

	DashboardController(StatsService stats, TicketStatistics statistics, TicketSearch search, TicketService tickets,
			SlaService sla, TicketTracker tracker, AnalysisOptions analysis, LiveUpdates live, Clock clock,
			org.springframework.beans.factory.ObjectProvider<AiStatus> ai,
			org.springframework.beans.factory.ObjectProvider<SyncStates> syncStates, TicketAccess access) {
		this.ai = ai;
		this.syncStates = syncStates;
		this.access = access;
		this.stats = stats;
		this.statistics = statistics;
		this.search = search;
		this.tickets = tickets;
		this.sla = sla;
		this.tracker = tracker;
		this.analysis = analysis;
		this.live = live;
		this.clock = clock;
	}

	@GetMapping
	String dashboard(@RequestParam(required = false) String type, @RequestParam(required = false) String status,
			@RequestParam(required = false) String priority, @RequestParam(required = false) String customer,
			@RequestParam(required = false) String q, @RequestParam(required = false) String sort,
			@RequestParam(required = false) String cursor, @RequestParam(required = false) String sync,
			@RequestParam(required = false) String replied, Caller caller, Model model, HttpServletRequest request) {
		DashboardFilters filters = new DashboardFilters(type, status, priority, customer, q, sort, cursor, sync, replied);
		model.addAttribute("filters", filters);
		model.addAttribute("jira", syncStates.getIfAvailable() != null);
		// The list's run buttons name the engine, so the list alone needs it too.
		model.addAttribute("analysis", analysis.availability());
		if (Htmx.isHtmx(request) && "ticket-list".equals(request.getHeader("HX-Target"))) {
			// The list refreshing itself (filters changed, a ticket was updated): nothing else to compute.
			list(filters, caller, model);
			return "ui/admin/dashboard :: list";
		}
		model.addAttribute("sorts", sortOptions());
		model.addAttribute("stats", stats.stats());
		model.addAttribute("chart", chart());
		model.addAttribute("types", TicketType.values());
		model.addAttribute("statuses", Status.values());
		model.addAttribute("priorities", Priority.values());
		model.addAttribute("ai", aiStatus());
		model.addAttribute("backlog", backlog());
		list(filters, caller, model);
		return "ui/admin/dashboard";
	}

	/** Claude's card; none when the status cannot be read (the dashboard matters more than the card). */
	private AiStatus.View aiStatus() {
		AiStatus status = ai.getIfAvailable();
		if (status == null) {
			return null;
		}
		try {
			return status.view();
		}
		catch (RuntimeException ex) {
			org.slf4j.LoggerFactory.getLogger(DashboardController.class).warn("Could not read Claude's status", ex);
			return null;
		}
	}

	@GetMapping("/stats")
	String stats(Model model) {
		model.addAttribute("stats", stats.stats());
		return "ui/admin/dashboard :: stats";
	}

	@GetMapping("/chart")
	String chart(Model model) {
		model.addAttribute("chart", chart());
		return "ui/admin/dashboard :: chart";
	}

	@GetMapping(path = "/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	@ResponseBody
	SseEmitter events(jakarta.servlet.http.HttpServletResponse response) {
		// Reverse proxies (nginx) would otherwise buffer the stream and deliver updates late.
		response.setHeader("X-Accel-Buffering", "no");
		return live.subscribe();
	}

	private FlowChart chart() {
		LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
		return FlowChart.of(statistics.openedAndResolvedPerDay(today.minusDays(CHART_DAYS - 1), today));
	}

	/** The Jira outbox backlog; null without Jira, or when it cannot be read (the dashboard matters more). */
	private SyncStates.Backlog backlog() {
		SyncStates states = syncStates.getIfAvailable();
		if (states == null) {
			return null;
		}
		try {
			return states.backlog();
		}
		catch (RuntimeException ex) {
			org.slf4j.LoggerFactory.getLogger(DashboardController.class).warn("Could not read the Jira backlog", ex);
			return null;
		}
	}

	private void list(DashboardFilters filters, Caller caller, Model model) {
		SyncStates states = syncStates.getIfAvailable();
		boolean bySync = filters.sync() != null && states != null;
		if (bySync || filters.replied() != null) {
			// Sync problems come from the outbox and replies from their flags, not the search index: the
			// newest few hundred of each, filtered here.
			List<Long> ids = bySync ? states.notSynced(NOT_SYNCED_LIMIT) : tickets.customerReplied(NOT_SYNCED_LIMIT);
			if (bySync && filters.replied() != null) {
				java.util.Set<Long> replied = new java.util.HashSet<>(tickets.customerReplied(NOT_SYNCED_LIMIT));
				ids = ids.stream().filter(replied::contains).toList();
			}
			Map<Long, Ticket> found = new java.util.HashMap<>();
			tickets.findAllById(ids).forEach(t -> found.put(t.id(), t));
			List<Ticket> page = ids.stream().map(found::get).filter(java.util.Objects::nonNull).filter(filters::matches).toList();
			model.addAttribute("rows", rows(page));
			model.addAttribute("total", (long) page.size());
			return;
		}
		java.util.Optional<Ticket> numbered = filters.cursor() == null ? access.byNumber(filters.q(), caller)
				: java.util.Optional.empty();
		model.addAttribute("numbered", numbered.orElse(null));
		TicketSearchResult result;
		try {
			try {
				result = search.search(filters.toQuery());
			}
			catch (InvalidCursorException ex) {
				filters = filters.firstPage();
				result = search.search(filters.toQuery());
			}
		}
		catch (SearchUnavailableException ex) {
			model.addAttribute("searchUnavailable", true);
			model.addAttribute("rows", numbered.map(t -> rows(List.of(t))).orElse(List.of()));
			return;
		}
		List<Ticket> page = new java.util.ArrayList<>(tickets.findAllById(result.ticketIds()));
		long total = result.total();
		if (numbered.isPresent()) {
			// A ticket number finds that ticket first (the index searches words, never keys).
			Ticket found = numbered.get();
			boolean counted = page.removeIf(t -> t.id() == found.id());
			page.add(0, found);
			total += counted ? 0 : 1;
		}
		model.addAttribute("rows", rows(page));
		model.addAttribute("total", total);
		model.addAttribute("nextUrl", result.nextCursor() == null ? null : filters.next(result.nextCursor()).url());
		model.addAttribute("firstUrl", filters.cursor() == null ? null : filters.firstPage().url());
	}

	private List<Row> rows(List<Ticket> page) {
		List<Long> ids = page.stream().map(Ticket::id).toList();
		Map<Long, SlaStatus> slas = sla.statusOf(page);
		Map<Long, java.time.Instant> replied = tickets.customerReplies(ids);
		SyncStates states = syncStates.getIfAvailable();
		Map<Long, SyncStates.SyncState> synced = states == null ? Map.of() : states.of(ids);
		AnalysisOptions.Availability availability = analysis.availability();
		return page.stream()
			.map(t -> new Row(t, slas.get(t.id()), tracker.browseUrl(t.key()).orElse(null),
					availability.canAnalyse(t), availability.analyseReason(t), availability.canAutoFix(t),
					availability.autoFixReason(t), replied.get(t.id()), synced.get(t.id())))
			.toList();
	}

	/**
	 * One line of the ticket list, with what its quick actions may do.
	 *
	 * @param customerReplied when the customer replied without an answer from staff yet; null if not
	 * @param sync the ticket's Jira state; null without Jira
	 */
	record Row(Ticket ticket, SlaStatus sla, URI trackerUrl, boolean canAnalyse, String analyseReason,
			boolean canAutoFix, String autoFixReason, java.time.Instant customerReplied, SyncStates.SyncState sync) {
	}

	static Map<String, String> sortOptions() {
		Map<String, String> options = new LinkedHashMap<>();
		options.put("-created", "Newest first");
		options.put("created", "Oldest first");
		options.put("-updated", "Recently updated");
		options.put("-priority", "Highest priority");
		options.put("-votes", "Most votes");
		options.put("relevance", "Best match (with search text)");
		return options;
	}

}
