package io.bugbridge.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import io.bugbridge.analysis.BugReport;
import io.bugbridge.analysis.CodeLocalizer;
import io.bugbridge.analysis.FeatureRow;
import io.bugbridge.analysis.IndexedCommit;
import io.bugbridge.analysis.Localization;
import io.bugbridge.analysis.LocalizerOptions;
import io.bugbridge.analysis.RankedFile;
import io.bugbridge.analysis.RepositorySource;
import io.bugbridge.embedding.SentenceEmbedder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Measures file-level bug localization on a JSON-lines data set: for each report, reads its
 * repository at the base commit from git, ranks files with the same code the service uses and
 * compares the ranking with the files the real fix changed.
 */
@Command(name = "localize", mixinStandardHelpOptions = true,
		description = "Rank files for each bug report of a data set and print Acc@k, MAP and MRR.")
class LocalizeBenchCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Option(names = "--data", required = true,
			description = "JSON lines: {id, repo, base_commit, title, body, gold_files}.")
	Path data;

	@Option(names = "--git-dirs", required = true,
			description = "Folder with one git directory per repository, named <owner>+<name>.")
	Path gitDirs;

	@Option(names = "--depth", defaultValue = "50", description = "Files ranked per report. Default: ${DEFAULT-VALUE}.")
	int depth;

	@Option(names = "--limit", description = "Evaluate only the first N instances (a quick subset).")
	Integer limit;

	@Option(names = "--repo", description = "Evaluate only instances of this repository (owner/name).")
	String repoFilter;

	@Option(names = "--features", hidden = true,
			description = "Also write each instance's raw signal values of the top files to this JSON-lines file (tuning).")
	Path featuresOut;

	@Option(names = "--embeddings",
			description = "Compare reports with file summaries by sentence embeddings (signal EMBEDDING) even where the weights do not use it, for feature dumps. Without it, as in the service, only where they do.")
	boolean embeddings;

	@Override
	public Integer call() throws IOException {
		PrintWriter out = spec.commandLine().getOut();
		List<Instance> instances = read(data);
		if (limit != null && instances.size() > limit) {
			instances = instances.subList(0, limit);
		}
		if (repoFilter != null) {
			instances = instances.stream().filter(i -> i.repo.equals(repoFilter)).toList();
		}
		// One repository at a time, so its index is reused across its instances and then released.
		Map<String, List<Instance>> byRepo = new LinkedHashMap<>();
		for (Instance i : instances) {
			byRepo.computeIfAbsent(i.repo, k -> new ArrayList<>()).add(i);
		}
		Metrics metrics = new Metrics();
		int skipped = 0;
		long millis = 0;
		JsonMapper json = JsonMapper.builder().build();
		// Loaded on first use: only where the weights (or --embeddings) need it, as in the service.
		SentenceEmbedder embedder = new SentenceEmbedder(CodeLocalizer.REPORT_CHARS, null);
		try (BufferedWriter features = featuresOut == null ? null : Files.newBufferedWriter(featuresOut)) {
			for (Map.Entry<String, List<Instance>> e : byRepo.entrySet()) {
				Path dir = gitDirs.resolve(e.getKey().replace('/', '+'));
				RepositorySource source = new RepositorySource(e.getKey(), dir);
				if (!source.exists()) {
					for (Instance i : e.getValue()) {
						out.println(i.id + " SKIPPED repository " + e.getKey() + " not found in " + gitDirs);
						skipped++;
					}
					continue;
				}
				try (CodeLocalizer localizer = CodeLocalizer.open(source, LocalizerOptions.inMemory(), embedder, embeddings)) {
					for (Instance i : e.getValue()) {
						Optional<String> commit = localizer.resolve(i.baseCommit);
						if (commit.isEmpty() || !commit.get().startsWith(i.baseCommit.toLowerCase(Locale.ROOT))) {
							out.println(i.id + " SKIPPED commit " + i.baseCommit + " not in " + e.getKey());
							skipped++;
							continue;
						}
						long start = System.nanoTime();
						Localization result;
						int files;
						int analysed;
						int embedded;
						long ms;
						try (IndexedCommit indexed = localizer.index(commit.get())) {
							result = indexed.rank(new BugReport(i.title, i.body), depth);
							files = indexed.fileCount();
							analysed = indexed.analysedFiles();
							embedded = indexed.embeddedFiles();
							// Dumping features for tuning is not part of the measured work.
							ms = (System.nanoTime() - start) / 1_000_000;
							if (features != null) {
								List<FeatureRow> rows = indexed.features(new BugReport(i.title, i.body), CANDIDATES_PER_FEATURE);
								Map<String, Object> record = new LinkedHashMap<>();
								record.put("id", i.id);
								record.put("repo", i.repo);
								record.put("time", indexed.commitTime());
								record.put("gold", i.gold);
								record.put("rows", rows);
								features.write(json.writeValueAsString(record));
								features.newLine();
							}
						}
						millis += ms;
						List<String> ranked = result.files().stream().map(RankedFile::path).toList();
						Metrics.Score s = metrics.add(ranked, i.gold);
						out.printf(Locale.ROOT, "%s rank=%s ap=%.3f top1=%s conf=%s files=%d analysed=%d embedded=%d ms=%d%n", i.id,
								s.firstRank() > 0 ? Integer.toString(s.firstRank()) : "-", s.averagePrecision(),
								ranked.isEmpty() ? "-" : ranked.get(0), result.confidence().level(), files, analysed, embedded, ms);
						out.flush();
					}
				}
			}
		}
		int n = metrics.count();
		out.printf(Locale.ROOT, "Acc@1=%.3f Acc@5=%.3f Acc@10=%.3f MAP=%.3f MRR=%.3f n=%d skipped=%d ms_per_instance=%d%n",
				metrics.accuracy(1), metrics.accuracy(5), metrics.accuracy(10), metrics.meanAveragePrecision(),
				metrics.meanReciprocalRank(), n, skipped, n == 0 ? 0 : Math.round((double) millis / n));
		out.flush();
		return 0;
	}

	/** Files dumped per signal: enough that a gold file missing from the dump is rarely rankable. */
	static final int CANDIDATES_PER_FEATURE = 100;

	static List<Instance> read(Path file) throws IOException {
		JsonMapper json = JsonMapper.builder().build();
		List<Instance> instances = new ArrayList<>();
		for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
			if (line.isBlank()) {
				continue;
			}
			JsonNode node = json.readTree(line);
			List<String> gold = new ArrayList<>();
			node.path("gold_files").forEach(g -> gold.add(g.asString()));
			instances.add(new Instance(node.path("id").asString(), node.path("repo").asString(),
					node.path("base_commit").asString(), node.path("title").asString(""), node.path("body").asString(""),
					List.copyOf(gold)));
		}
		return instances;
	}

	record Instance(String id, String repo, String baseCommit, String title, String body, List<String> gold) {
	}

}
