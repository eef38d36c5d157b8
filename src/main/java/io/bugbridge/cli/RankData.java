package io.bugbridge.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.bugbridge.analysis.Feature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One report's dumped feature values (from {@code bench localize --features}) in the form the
 * cross-validation fits on: a column per feature over the report's candidate files.
 *
 * @param id the instance
 * @param set the data set it came from (file name of the dump)
 * @param repo owner/name
 * @param time commit time of the base commit (seconds)
 * @param java whether it is a Java report (its gold files are .java)
 * @param x feature-major values, {@code x[feature.ordinal()][row]}
 * @param gold whether each row is a gold file
 * @param goldCount gold files of the report, ranked or not (MAP counts missing ones as missed)
 * @param tie position of each row in the ranker's tie order (shorter path first, then by name)
 */
record RankData(String id, String set, String repo, int time, boolean java, double[][] x, boolean[] gold,
		int goldCount, int[] tie) {

	int rows() {
		return gold.length;
	}

	static List<RankData> read(Path dump) throws IOException {
		String set = dump.getFileName().toString().replaceFirst("\\.feat\\.jsonl$|\\.jsonl$", "");
		JsonMapper json = JsonMapper.builder().build();
		List<RankData> out = new ArrayList<>();
		Feature[] features = Feature.values();
		try (BufferedReader in = Files.newBufferedReader(dump, StandardCharsets.UTF_8)) {
			String line;
			while ((line = in.readLine()) != null) {
				if (line.isBlank()) {
					continue;
				}
				JsonNode node = json.readTree(line);
				Set<String> gold = new HashSet<>();
				node.path("gold").forEach(g -> gold.add(g.asString()));
				JsonNode rows = node.path("rows");
				int n = rows.size();
				double[][] x = new double[features.length][n];
				boolean[] isGold = new boolean[n];
				String[] paths = new String[n];
				for (int r = 0; r < n; r++) {
					JsonNode row = rows.get(r);
					paths[r] = row.path("path").asString();
					isGold[r] = gold.contains(paths[r]);
					JsonNode values = row.path("features");
					for (Feature f : features) {
						x[f.ordinal()][r] = values.path(f.name()).asDouble(0);
					}
				}
				Integer[] order = new Integer[n];
				Arrays.setAll(order, i -> i);
				Arrays.sort(order, Comparator.<Integer>comparingInt(i -> paths[i].length()).thenComparing(i -> paths[i]));
				int[] tie = new int[n];
				for (int k = 0; k < n; k++) {
					tie[order[k]] = k;
				}
				long javaGold = gold.stream().filter(g -> g.toLowerCase(Locale.ROOT).endsWith(".java")).count();
				out.add(new RankData(node.path("id").asString(), set, node.path("repo").asString(),
						node.path("time").asInt(0), javaGold * 2 > gold.size(), x, isGold, gold.size(), tie));
			}
		}
		return out;
	}

}
