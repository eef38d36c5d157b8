package io.bugbridge.search;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which code names of a report make it similar to another one that names the same code. */
class CodeIdentifiersTests {

	@Test
	void aClassNamedInAPathAndInProseBecomesTheSameName() {
		assertThat(names("JNDIRealm.java not able to handle MD5 password")).contains("jndirealm");
		assertThat(names("Roles of JNDIRealm are not found")).contains("jndirealm");
		assertThat(names("see java/org/apache/catalina/realm/JNDIRealm.java line 12")).contains("jndirealm", "catalina",
				"realm");
	}

	@Test
	void methodsExceptionsAndSnakeCaseCount() {
		assertThat(names("_jspxFactory = JspFactory.getDefaultFactory(); throws NullPointerException"))
			.contains("_jspxfactory", "jspfactory", "getdefaultfactory", "nullpointerexception");
		assertThat(names("QuerySet.get_or_create() fails")).contains("queryset", "get_or_create");
	}

	@Test
	void plainProseHasNone() {
		assertThat(CodeIdentifiers.of("The upload fails when the photo is large. Then the app crashes.")).isEmpty();
		assertThat(CodeIdentifiers.of("It crashes.Then it restarts")).isEmpty();
		assertThat(CodeIdentifiers.of(null)).isEmpty();
	}

	private static List<String> names(String text) {
		return List.of(CodeIdentifiers.of(text).split(" "));
	}

}
