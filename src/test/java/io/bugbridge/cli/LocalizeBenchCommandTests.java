package io.bugbridge.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.bugbridge.analysis.TestRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class LocalizeBenchCommandTests {

	private static final String SUMMARY = "Acc@1=\\d\\.\\d{3} Acc@5=\\d\\.\\d{3} Acc@10=\\d\\.\\d{3} MAP=\\d\\.\\d{3} MRR=\\d\\.\\d{3}"
			+ " n=\\d+ skipped=\\d+ ms_per_instance=\\d+";

	@TempDir
	Path tmp;

	@Test
	void evaluatesAvailableInstancesAndCountsTheOthersAsSkipped() throws Exception {
		Path gitDirs = tmp.resolve("git");
		String commit;
		try (TestRepository repo = TestRepository.init(gitDirs.resolve("acme+shop"))) {
			commit = repo.commit("Initial import", Map.of(
					"shop/orders.py", "def place_order(cart):\n    return cart.total() / cart.count()\n",
					"shop/cart.py", "class Cart:\n    def total(self):\n        return sum(self.prices)\n",
					"shop/users.py", "def find_user(email):\n    return None\n"));
		}
		JsonMapper json = JsonMapper.builder().build();
		String trace = "Traceback (most recent call last):\n  File \"/site/shop/orders.py\", line 2, in place_order\n"
				+ "ZeroDivisionError: division by zero";
		Path data = tmp.resolve("dev.jsonl");
		Files.write(data, List.of(
				json.writeValueAsString(instance("shop-1", "acme/shop", commit, "Crash when ordering", trace, "shop/orders.py")),
				json.writeValueAsString(instance("gone-1", "acme/gone", commit, "Anything", "", "x.py")),
				json.writeValueAsString(instance("shop-2", "acme/shop", "0123456789abcdef0123456789abcdef01234567",
						"Anything", "", "shop/cart.py"))));

		StringWriter out = new StringWriter();
		int exit = new CommandLine(BugBridgeCli.class).setOut(new PrintWriter(out))
			.execute("bench", "localize", "--data", data.toString(), "--git-dirs", gitDirs.toString());

		assertThat(exit).isZero();
		List<String> lines = out.toString().lines().toList();
		assertThat(lines).hasSize(4);
		assertThat(lines.get(0)).startsWith("shop-1 rank=1 ");
		assertThat(lines).anyMatch(l -> l.startsWith("gone-1 SKIPPED"));
		assertThat(lines).anyMatch(l -> l.startsWith("shop-2 SKIPPED"));
		String summary = lines.get(lines.size() - 1);
		assertThat(summary).matches(SUMMARY);
		assertThat(summary).startsWith("Acc@1=1.000 Acc@5=1.000 Acc@10=1.000 MAP=1.000 MRR=1.000 n=1 skipped=2 ");
	}

	@Test
	void aMissingFolderSkipsEverything() throws Exception {
		Path data = tmp.resolve("dev.jsonl");
		Files.writeString(data, JsonMapper.builder().build()
			.writeValueAsString(instance("a-1", "acme/none", "abc", "t", "b", "f.py")) + "\n");
		StringWriter out = new StringWriter();
		new CommandLine(BugBridgeCli.class).setOut(new PrintWriter(out))
			.execute("bench", "localize", "--data", data.toString(), "--git-dirs", tmp.resolve("nothing").toString());
		String summary = out.toString().lines().reduce((a, b) -> b).orElseThrow();
		assertThat(summary).matches(SUMMARY).contains(" n=0 skipped=1 ");
	}

	private static Map<String, Object> instance(String id, String repo, String commit, String title, String body,
			String gold) {
		return Map.of("id", id, "repo", repo, "base_commit", commit, "title", title, "body", body, "gold_files",
				List.of(gold), "available", true);
	}

}
