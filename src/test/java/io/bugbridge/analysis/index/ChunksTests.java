package io.bugbridge.analysis.index;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChunksTests {

	@Test
	void longFilesSplitAtDefinitionsIntoBoundedChunks() {
		StringBuilder py = new StringBuilder();
		for (int f = 0; f < 20; f++) {
			py.append("def function_").append(f).append("(x):\n");
			for (int l = 0; l < 15; l++) {
				py.append("    x = x + ").append(l).append('\n');
			}
		}
		List<String> chunks = Chunks.of("big.py", py.toString());
		assertThat(chunks).hasSizeGreaterThan(5);
		assertThat(String.join("", chunks)).isEqualTo(py + "\n");
		assertThat(chunks).allMatch(c -> c.split("\n").length <= Chunks.MAX_LINES);
		// After the first chunk every chunk starts at a definition.
		assertThat(chunks.subList(1, chunks.size())).allMatch(c -> c.startsWith("def function_"));
	}

	@Test
	void shortFilesAreNotChunked() {
		assertThat(Chunks.of("small.py", "def f():\n    return 1\n")).isEmpty();
	}

	@Test
	void identifiersSplitAndStayWhole() {
		assertThat(CodeText.terms("readXMLHeader_value")).containsExactly("readxmlheadervalu", "read", "xml", "header", "valu");
		assertThat(CodeText.pathTerms("src/_pytest/assertion/rewrite.py")).contains("pytest", "assert", "rewrit");
	}

}
