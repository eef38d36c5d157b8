package io.bugbridge.analysis.index;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FileSummaryTests {

	@Test
	void javaFileIsDescribedByItsPathItsJavadocAndItsNamesInWords() {
		String text = """
				/*
				 * Licensed to the Apache Software Foundation (ASF) under one or more
				 */
				package org.apache.catalina.session;

				/**
				 * Standard implementation of the <b>Session</b> interface. It is
				 * serializable.
				 */
				public class StandardSession implements HttpSession {
				    public int getMaxInactiveInterval() { return timeout; }
				}
				""";
		String summary = FileSummary.of("java/org/apache/catalina/session/StandardSession.java", text,
				SourceFacts.of("StandardSession.java", text).definitions());
		assertThat(summary).isEqualTo("apache catalina session Standard Session. Standard implementation of the Session "
				+ "interface. Defines Standard Session, get Max Inactive Interval");
	}

	@Test
	void pythonFileUsesItsModuleDocstringAndLeavesTestNamesOut() {
		String text = "\"\"\"Utilities for parsing HTTP headers.\n\nMore text.\"\"\"\n\ndef parse_dict_header(value):\n    pass\n"
				+ "def test_parse():\n    pass\n";
		String summary = FileSummary.of("requests/utils.py", text, SourceFacts.of("requests/utils.py", text).definitions());
		assertThat(summary).isEqualTo("requests utils. Utilities for parsing HTTP headers. Defines parse dict header");
	}

	@Test
	void staysShortForFilesThatDefineHundredsOfNames() {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < 500; i++) {
			text.append("def function_number_").append(i).append("(x):\n    pass\n");
		}
		String summary = FileSummary.of("pkg/big.py", text.toString(), SourceFacts.of("pkg/big.py", text.toString()).definitions());
		assertThat(summary).hasSizeLessThanOrEqualTo(FileSummary.MAX_CHARS).startsWith("pkg big. Defines function number 0");
	}

}
