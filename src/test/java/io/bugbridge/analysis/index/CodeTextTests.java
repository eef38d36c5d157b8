package io.bugbridge.analysis.index;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CodeTextTests {

	@Test
	void identifiersSplitAndStayWhole() {
		assertThat(CodeText.terms("readXMLHeader_value")).containsExactly("readxmlheadervalu", "read", "xml", "header", "valu");
		assertThat(CodeText.terms("the_config.max_size")).containsExactly("theconfig", "config", "maxsiz", "max", "size");
	}

	@Test
	void pathsSplitIntoFoldersAndNameParts() {
		assertThat(CodeText.pathTerms("src/_pytest/assertion/rewrite.py")).containsExactly("src", "pytest", "assert", "rewrit");
	}

}
