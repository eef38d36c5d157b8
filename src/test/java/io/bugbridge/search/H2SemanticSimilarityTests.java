package io.bugbridge.search;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.bugbridge.support.ApiClient;
import io.bugbridge.support.ApiClient.Response;
import io.bugbridge.support.ApiTest;
import io.bugbridge.support.OnH2;
import io.bugbridge.support.TestAccounts;
import io.bugbridge.support.WebSession;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Semantic matching through the API: a duplicate told in entirely different words is found by its
 * meaning (sentence embeddings), and customers' suggestions never draw on internal comments.
 */
@ApiTest
@OnH2
class H2SemanticSimilarityTests {

	/** Loading the model and embedding can take a while on a loaded machine. */
	private static final Duration PATIENCE = Duration.ofSeconds(120);

	private static final String UPLOAD = "App crashes when uploading a large photo";

	private static final String UPLOAD_DETAILS = "It shuts down on my phone every time.";

	/** The same problem in other words: no word in common with {@link #UPLOAD} after stemming. */
	private static final String PARAPHRASE = "Mobile program quits while adding huge images";

	private static final String PARAPHRASE_DETAILS = "Happens whenever I attach pictures from the gallery.";

	@LocalServerPort
	int port;

	@Autowired
	TicketSearch search;

	ApiClient api;

	final String admin = ApiClient.adminToken("admin@bugbridge.example");

	final String customer = "cust-" + UUID.randomUUID();

	final String customerToken = ApiClient.customerToken("alice@acme.example", customer);

	@BeforeEach
	void setUp() {
		api = new ApiClient(port);
	}

	@Test
	void aDuplicateInOtherWordsIsFoundByMeaningWhereWordsAloneMissIt() {
		String original = file(UPLOAD, UPLOAD_DETAILS);
		String invoice = file("Invoice PDF shows the wrong currency", "Totals are in dollars instead of euros.");
		String darkMode = file("Dark mode for the dashboard", "Please offer a dark theme.");
		String duplicate = file(PARAPHRASE, PARAPHRASE_DETAILS);
		// No word of one is in the other, so BM25 over the words cannot relate them.
		assertThat(search.textSimilarity(UPLOAD + "\n" + UPLOAD_DETAILS, PARAPHRASE + "\n" + PARAPHRASE_DETAILS)).isZero();
		awaitEmbedded();

		Response similar = api.get("/api/jira/admin/issues/" + duplicate + "/similar", admin);
		assertThat(similar.status()).as(similar.toString()).isEqualTo(200);
		assertThat(similar.json().get(0).get("key").asString()).isEqualTo(original);

		// The customer typing the paraphrase is offered the original (and the paraphrase itself).
		assertThat(suggestions(PARAPHRASE)).contains(original, duplicate).doesNotContain(invoice, darkMode);

		// The admin's Manage page offers it as a possible duplicate too, with an absolute score above
		// the threshold, and not the unrelated tickets.
		Element duplicates = WebSession.signedIn(port, TestAccounts.ADMIN)
			.get("/admin/tickets/" + duplicate)
			.html()
			.getElementById("duplicates");
		assertThat(duplicates).isNotNull();
		assertThat(duplicates.text()).contains(original).doesNotContain(invoice).doesNotContain(darkMode);
	}

	@Test
	void customerSuggestionsNeverMatchOnAnInternalComment() {
		String typed = "Notification messages are not delivered to my mailbox";
		String visible = file("Emails from the service never arrive in the inbox", "Nothing comes through, also not in spam.");
		String unrelated = file("Dark mode for the dashboard", "Please offer a dark theme.");
		// A staff note on the unrelated ticket says exactly what the customer is about to type.
		Response note = api.post("/api/jira/admin/issues/" + unrelated + "/comment", admin,
				"{\"comment\": \"" + typed + "; zebrawombat\", \"internal\": true}");
		assertThat(note.status()).as(note.toString()).isEqualTo(201);
		awaitEmbedded();

		assertThat(suggestions(typed)).contains(visible).doesNotContain(unrelated);
		assertThat(suggestions("zebrawombat")).doesNotContain(unrelated);
	}

	private List<String> suggestions(String typed) {
		Response response = api.get("/api/jira/similar-tickets?q=" + URLEncoder.encode(typed, StandardCharsets.UTF_8),
				customerToken);
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		List<String> keys = new ArrayList<>();
		for (JsonNode s : response.json().get("suggestions")) {
			keys.add(s.get("key").asString());
		}
		return keys;
	}

	private void awaitEmbedded() {
		search.awaitCurrent();
		await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(search::embeddingsCaughtUp);
	}

	private String file(String summary, String description) {
		Response created = api.post("/api/jira/bug-report", customerToken, """
				{"summary": "%s", "description": "%s", "priority": "Medium"}""".formatted(summary, description));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.json().get("key").asString();
	}

}
