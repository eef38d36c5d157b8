package io.bugbridge.analysis;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MentionsTests {

	@Test
	void findsPathsNamesAndMessages() {
		Mentions m = Mentions.extract("""
				The implementation of org.apache.catalina.realm.MemoryRuleSet.begin in MemoryRuleSet.java
				doesn't validate; see `src/util/http_client.py` and call parse_header() on the value of
				the "server.max-connections" key. MemoryRealm is affected too.
				ValueError: invalid literal for int() with base 10: 'abc'
				""");
		assertThat(m.paths()).contains("MemoryRuleSet.java", "src/util/http_client.py");
		assertThat(m.qualifiedNames()).contains("org.apache.catalina.realm.MemoryRuleSet.begin");
		assertThat(m.types()).contains("MemoryRealm", "MemoryRuleSet");
		assertThat(m.functions()).contains("parse_header");
		assertThat(m.errorMessages()).containsExactly("invalid literal for int() with base 10: 'abc'");
		assertThat(m.quotedText()).contains("server.max-connections");
	}

	@Test
	void plainProseMentionsNothing() {
		assertThat(Mentions.extract("the page is slow when I open it").isEmpty()).isTrue();
	}

}
