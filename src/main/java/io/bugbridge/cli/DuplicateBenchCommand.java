package io.bugbridge.cli;

import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import io.bugbridge.search.InMemoryTicketIndex;
import io.bugbridge.search.SimilarTicket;
import io.bugbridge.ticket.Priority;
import io.bugbridge.ticket.Status;
import io.bugbridge.ticket.Ticket;
import io.bugbridge.ticket.TicketType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Measures duplicate detection on bug reports from public projects. Two reports count as related
 * (the label) when their real fixes changed at least one file in common; each report with at
 * least one related report asks the service's similarity search for its top 3 among the other
 * reports of its repository.
 */
@Command(name = "duplicates", mixinStandardHelpOptions = true,
		description = "Precision@3 of 'possible duplicates' on a bug-localization data set (JSON lines).")
class DuplicateBenchCommand implements Callable<Integer> {

	@Option(names = "--data", required = true, description = "JSON lines with id, repo, title, body, gold_files.")
	List<Path> data;

	@Option(names = "--top", defaultValue = "3", description = "Suggestions judged per report. Default: ${DEFAULT-VALUE}.")
	int top;

	@Override
	public Integer call() throws Exception {
		JsonMapper json = JsonMapper.builder().build();
		Map<String, List<Report>> byRepository = new LinkedHashMap<>();
		for (Path file : data) {
			try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
				String line;
				while ((line = lines.readLine()) != null) {
					if (line.isBlank()) {
						continue;
					}
					JsonNode n = json.readTree(line);
					Set<String> gold = new HashSet<>();
					n.get("gold_files").forEach(g -> gold.add(g.asString()));
					String repository = n.get("repo").asString();
					byRepository.computeIfAbsent(repository, r -> new ArrayList<>())
						.add(new Report(n.get("id").asString(), n.get("title").asString(), text(n.get("body")), gold));
				}
			}
		}
		double precisionSum = 0;
		int hits = 0;
		double reciprocalRanks = 0;
		int queries = 0;
		for (Map.Entry<String, List<Report>> repository : byRepository.entrySet()) {
			List<Report> reports = repository.getValue();
			Map<Long, Report> byId = new LinkedHashMap<>();
			List<Ticket> tickets = new ArrayList<>();
			for (int i = 0; i < reports.size(); i++) {
				Ticket ticket = ticket(i + 1, reports.get(i));
				tickets.add(ticket);
				byId.put(ticket.id(), reports.get(i));
			}
			try (InMemoryTicketIndex index = new InMemoryTicketIndex()) {
				index.addAll(tickets);
				for (Ticket ticket : tickets) {
					Report report = byId.get(ticket.id());
					boolean hasRelated = reports.stream().anyMatch(other -> other != report && report.relatedTo(other));
					if (!hasRelated) {
						continue;
					}
					List<SimilarTicket> similar = index.similarTo(ticket, top);
					int relevant = 0;
					int firstRank = 0;
					for (int rank = 0; rank < similar.size(); rank++) {
						if (report.relatedTo(byId.get(similar.get(rank).ticketId()))) {
							relevant++;
							firstRank = firstRank == 0 ? rank + 1 : firstRank;
						}
					}
					precisionSum += (double) relevant / top;
					hits += relevant > 0 ? 1 : 0;
					reciprocalRanks += firstRank == 0 ? 0 : 1.0 / firstRank;
					queries++;
					System.out.printf(Locale.ROOT, "%s related_in_top%d=%d%n", report.id(), top, relevant);
				}
			}
		}
		System.out.printf(Locale.ROOT, "P@%d=%.3f Hit@%d=%.3f MRR@%d=%.3f n=%d%n", top, precisionSum / Math.max(1, queries),
				top, (double) hits / Math.max(1, queries), top, reciprocalRanks / Math.max(1, queries), queries);
		return 0;
	}

	private static String text(JsonNode body) {
		return body == null || body.isNull() ? "" : body.asString();
	}

	private static Ticket ticket(long id, Report report) {
		Instant now = Instant.now();
		String summary = report.title().length() > 255 ? report.title().substring(0, 255) : report.title();
		return new Ticket(id, "DUP-" + id, TicketType.BUG, summary, report.body(), Status.OPEN, Priority.MEDIUM,
				"reporter@example.com", null, null, null, null, null, null, null, null, null, 0, null, "bench", now, now,
				0);
	}

	private record Report(String id, String title, String body, Set<String> goldFiles) {

		boolean relatedTo(Report other) {
			return other.goldFiles().stream().anyMatch(goldFiles::contains);
		}

	}

}
