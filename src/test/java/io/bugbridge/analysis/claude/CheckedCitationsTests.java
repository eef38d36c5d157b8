package io.bugbridge.analysis.claude;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** Claude's citations checked against the commit: real files stay, with or without lines. */
class CheckedCitationsTests {

	@TempDir
	Path directory;

	@Test
	void citationsWithoutLinesStayAndInventedOnesAreDropped() throws Exception {
		Files.createDirectories(directory.resolve("src"));
		Files.writeString(directory.resolve("src/App.java"), "class App {\n  void run() {}\n}\n");
		ObjectId commit;
		try (Git git = Git.init().setDirectory(directory.toFile()).setInitialBranch("main").call()) {
			git.add().addFilepattern(".").call();
			commit = git.commit().setMessage("app").setAuthor("dev", "dev@example.com").call().getId();
		}
		JsonNode answer = JsonMapper.builder().build().readTree("""
				{"understanding": "u", "root_cause": {"summary": "s", "file": "src/App.java"},
				 "files_to_examine": [{"path": "src/App.java", "reason": "no lines given"},
				                      {"path": "./src/App.java", "reason": "same file again", "line_start": 2, "line_end": 2},
				                      {"path": "src/Nope.java", "reason": "invented"},
				                      {"path": "/etc/passwd", "reason": "outside"}],
				 "fix_approach": ["x"], "side_effects": [], "estimated_effort": "1h", "risk_level": "Low",
				 "confidence": "low"}""");

		try (Git git = Git.open(directory.toFile()); Snapshot snapshot = new Snapshot(git.getRepository(), commit)) {
			CheckedAnalysis checked = ClaudeAnalyst.check(answer, snapshot);

			assertThat(checked.files()).extracting(CheckedAnalysis.CitedFile::path).containsExactly("src/App.java");
			assertThat(checked.files().get(0).lineStart()).isNull();
			assertThat(checked.rootCauseLocation().location()).isEqualTo("src/App.java");
			assertThat(checked.dropped()).containsExactly("src/Nope.java", "/etc/passwd");
		}
	}

}
