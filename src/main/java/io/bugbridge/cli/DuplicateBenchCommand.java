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
import io.bugbridge.search.SearchProperties;
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

	@Option(names = "--embeddings", defaultValue = "true", negatable = true, fallbackValue = "true",
			description = "Blend sentence-embedding similarity into the lexical score. Default: ${DEFAULT-VALUE}.")
	boolean embeddings;

	@Option(names = "--weight", defaultValue = "0.9", split = ",",
			description = "Share of the embedding cosine; several (comma-separated) are compared on the same embeddings. "
					+ "Default: ${DEFAULT-VALUE}.")
	List<Double> weights;

	@Option(names = "--min-similarity", defaultValue = "0.5",
			description = "Cosine from which an embedding-only candidate is suggested. Default: ${DEFAULT-VALUE}.")
	double minSimilarity;

	@Option(names = "--max-chars", defaultValue = "1000", description = "Characters embedded per ticket. Default: ${DEFAULT-VALUE}.")
	int maxChars;

	@Option(names = "--title-weight", defaultValue = "0.5",
			description = "Share of the summary's own embedding in a ticket's vector. Default: ${DEFAULT-VALUE}.")
	double titleWeight;

	@Option(names = "--identifier-weight", defaultValue = "0.2", split = ",",
			description = "Share of shared code names in the score; several (comma-separated) are compared. "
					+ "Default: ${DEFAULT-VALUE}.")
	List<Double> identifierWeights;

	@Option(names = "--candidates", defaultValue = "50",
			description = "Candidates each signal contributes before the blend. Default: ${DEFAULT-VALUE}.")
	int candidates;

	@Option(names = "--summary-only", description = "Embed the summary alone instead of summary and description.")
	boolean summaryOnly;

	@Override
	public Integer call() throws Exception {
		Map<String, List<Report>> byRepository = read(data);
		List<Double> compared = embeddings ? weights : List.of(0.0);
		List<Double> comparedNames = embeddings ? identifierWeights : List.of(0.0);
		Map<String, Score> scores = new LinkedHashMap<>();
		for (double weight : compared) {
			for (double names : comparedNames) {
				scores.put(setting(weight, names), new Score());
			}
		}
		double embedMillis = 0;
		int tickets = 0;
		List<Integer> relatedPerQuery = new ArrayList<>();
		for (List<Report> reports : byRepository.values()) {
			Map<Long, Report> byId = new LinkedHashMap<>();
			for (int i = 0; i < reports.size(); i++) {
				byId.put(i + 1L, reports.get(i));
			}
			List<Ticket> batch = byId.entrySet().stream().map(e -> ticket(e.getKey(), e.getValue())).toList();
			var settings = new SearchProperties.Embeddings(embeddings, compared.get(0), minSimilarity, maxChars,
					titleWeight, comparedNames.get(0));
			try (InMemoryTicketIndex index = new InMemoryTicketIndex(settings, summaryOnly)) {
				index.addAll(batch);
				embedMillis += index.embeddingMillisPerTicket() * batch.size();
				tickets += batch.size();
				for (Ticket ticket : batch) {
					Report report = byId.get(ticket.id());
					int related = (int) reports.stream().filter(other -> other != report && report.relatedTo(other)).count();
					if (related == 0) {
						continue;
					}
					relatedPerQuery.add(related);
					for (double weight : compared) {
						for (double names : comparedNames) {
							long started = System.nanoTime();
							List<SimilarTicket> similar = index.similarTo(ticket, top, weight, names, candidates);
							scores.get(setting(weight, names)).add(report, similar, byId, top, System.nanoTime() - started);
						}
					}
				}
			}
		}
		// The best P@k these labels allow: a report with one related report adds at most 1/k.
		double ceiling = PrecisionCeiling.of(relatedPerQuery, top);
		for (Map.Entry<String, Score> entry : scores.entrySet()) {
			Score s = entry.getValue();
			String setting = entry.getKey();
			double precision = s.precision / Math.max(1, s.queries);
			System.out.printf(Locale.ROOT,
					"%sP@%d=%.3f ceiling=%.3f of_ceiling=%.3f Hit@%d=%.3f MRR@%d=%.3f n=%d similar_ms_per_query=%.1f%n",
					setting, top, precision, ceiling, ceiling == 0 ? 0 : precision / ceiling, top,
					(double) s.hits / Math.max(1, s.queries), top, s.reciprocalRanks / Math.max(1, s.queries), s.queries,
					s.nanos / 1e6 / Math.max(1, s.queries));
		}
		if (embeddings) {
			System.out.printf(Locale.ROOT, "embed_ms_per_ticket=%.1f tickets=%d%n", embedMillis / Math.max(1, tickets),
					tickets);
		}
		return 0;
	}

	private String setting(double weight, double names) {
		return embeddings ? String.format(Locale.ROOT, "weight=%.2f identifiers=%.2f ", weight, names) : "lexical ";
	}

	private static Map<String, List<Report>> read(List<Path> files) throws java.io.IOException {
		JsonMapper json = JsonMapper.builder().build();
		Map<String, List<Report>> byRepository = new LinkedHashMap<>();
		for (Path file : files) {
			try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
				String line;
				while ((line = lines.readLine()) != null) {
					if (line.isBlank()) {
						continue;
					}
					JsonNode n = json.readTree(line);
					Set<String> gold = new HashSet<>();
					n.get("gold_files").forEach(g -> gold.add(g.asString()));
					byRepository.computeIfAbsent(n.get("repo").asString(), r -> new ArrayList<>())
						.add(new Report(n.get("id").asString(), n.get("title").asString(), text(n.get("body")), gold));
				}
			}
		}
		return byRepository;
	}

	/** Precision, hits and reciprocal ranks summed over the queries of one setting. */
	private static final class Score {

		double precision;

		int hits;

		double reciprocalRanks;

		int queries;

		long nanos;

		void add(Report report, List<SimilarTicket> similar, Map<Long, Report> byId, int top, long took) {
			int relevant = 0;
			int firstRank = 0;
			for (int rank = 0; rank < similar.size(); rank++) {
				if (report.relatedTo(byId.get(similar.get(rank).ticketId()))) {
					relevant++;
					firstRank = firstRank == 0 ? rank + 1 : firstRank;
				}
			}
			precision += (double) relevant / top;
			hits += relevant > 0 ? 1 : 0;
			reciprocalRanks += firstRank == 0 ? 0 : 1.0 / firstRank;
			queries++;
			nanos += took;
		}

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
