package io.bugbridge.jira;

import java.nio.file.Files;

import com.github.fge.jsonschema.core.report.ProcessingReport;
import com.github.fge.jsonschema.main.JsonSchemaFactory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What BugBridge writes as Atlassian Document Format is valid against the ADF JSON Schema. */
class AdfTests {

	@Test
	void sectionsFieldsAndLineBreaksMakeAValidDocumentAndReadBackAsText() throws Exception {
		var doc = Adf.document()
			.paragraphs("First line\nsecond line\n\nNew paragraph")
			.section("Steps to reproduce", "1. Click\n2. Fail")
			.section("Empty section", "  ")
			.field("Customer", "cust-1")
			.field("Nothing", null)
			.build();

		assertValid(doc.toString());
		assertThat(Adf.toText(doc)).isEqualTo("First line\nsecond line\n\nNew paragraph\n\nSteps to reproduce\n\n"
				+ "1. Click\n2. Fail\n\nCustomer: cust-1");
	}

	@Test
	void anEmptyCommentIsStillAValidDocument() throws Exception {
		assertValid(Adf.text("").toString());
		assertValid(Adf.text("\n\n").toString());
	}

	static void assertValid(String json) throws Exception {
		var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
		var schema = mapper.readTree(Files.readString(JiraSpec.location().resolveSibling("atlassian-document-format.schema.json")));
		ProcessingReport report = JsonSchemaFactory.byDefault().getJsonSchema(schema).validate(mapper.readTree(json));
		assertThat(report.isSuccess()).as(report.toString()).isTrue();
	}

}
