package io.bugbridge.analysis.service;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.bugbridge.analysis.BugReport;
import io.bugbridge.analysis.CodeLocalizer;
import io.bugbridge.analysis.Evidence;
import io.bugbridge.analysis.IndexedCommit;
import io.bugbridge.analysis.Localization;
import io.bugbridge.analysis.LocalizerOptions;
import io.bugbridge.analysis.RepositorySource;
import io.bugbridge.analysis.TestRepository;
import io.bugbridge.ticket.Priority;
import io.bugbridge.ticket.Status;
import io.bugbridge.ticket.Ticket;
import io.bugbridge.ticket.TicketType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The offline analysis in the words an admin reads: the ranker's notes made readable. */
class AnalysisWriterTests {

	/** A phrase of one to four words said twice in a row ("changed recently changed recently"). */
	private static final Pattern DOUBLED = Pattern.compile("(?i)\\b(\\w+(?:\\s+\\w+){0,3})\\s+\\1\\b");

	private static final Pattern QUOTED = Pattern.compile("\"([^\"]+)\"");

	@TempDir
	Path tmp;

	@Test
	void evidenceForARealisticReportUsesTheReportsWordsWithoutDoubledPhrasesOrStems() throws Exception {
		Ticket ticket = ticket("Uploading images fails for users with large photos",
				"When users upload an image larger than 2 MB the upload spinner never stops and the image is not resized."
						+ " Smaller images upload fine.",
				"1. Open the profile page\n2. Upload a 3 MB photo", "The image is resized and saved",
				"The spinner keeps spinning");
		Localization localization;
		try (TestRepository repo = TestRepository.init(tmp.resolve("shop"))) {
			repo.commit("Initial import", Map.of(
					"src/main/java/shop/media/ImageUploader.java", """
							package shop.media;

							public class ImageUploader {
								private final ImageResizer resizer = new ImageResizer();

								public String uploadImage(byte[] image, String userId) {
									if (image.length > MAX_UPLOAD_BYTES) {
										return resizer.resizeImage(image, userId);
									}
									return store(image, userId);
								}
							}
							""",
					"src/main/java/shop/media/ImageResizer.java", """
							package shop.media;

							public class ImageResizer {
								String resizeImage(byte[] image, String userId) {
									// Large photos from users are resized before they are stored.
									return userId + ":" + image.length;
								}
							}
							""",
					"src/main/java/shop/billing/InvoiceService.java", """
							package shop.billing;

							public class InvoiceService {
								long total(long net, long tax) {
									return net + tax;
								}
							}
							"""));
			String head = repo.commit("Resize large images before upload", Map.of("src/main/java/shop/media/ImageResizer.java", """
					package shop.media;

					public class ImageResizer {
						String resizeImage(byte[] image, String userId) {
							// Large photos from users are resized before they are stored; images over 2 MB first.
							return userId + ":" + image.length;
						}
					}
					"""));
			try (CodeLocalizer localizer = CodeLocalizer.open(RepositorySource.of(repo.dir()), LocalizerOptions.inMemory());
					IndexedCommit commit = localizer.index(head)) {
				localization = commit.rank(new BugReport(ticket.summary(), AnalysisJob.reportBody(ticket)), 10);
			}
		}

		AnalysisWriter.Result result = AnalysisWriter.write(ticket, "shop", localization, 5);

		List<String> evidence = new ArrayList<>();
		result.files().forEach(f -> evidence.addAll(f.evidence()));
		assertThat(localization.files()).as("the ranker found code to explain").isNotEmpty();
		assertThat(localization.files().stream().flatMap(f -> f.evidence().stream()).map(Evidence::kind))
			.as("the signals whose notes were garbled are present")
			.contains(Evidence.Kind.TEXT_MATCH);
		List<String> everything = new ArrayList<>(evidence);
		everything.addAll(result.hypotheses());
		everything.add(result.text());
		for (String line : everything) {
			assertThat(DOUBLED.matcher(line).find()).as("doubled phrase in: %s", line).isFalse();
		}
		Set<String> reportWords = Pattern.compile("[^A-Za-z0-9]+")
			.splitAsStream(String.join(" ", ticket.summary(), ticket.description(), ticket.stepsToReproduce(),
					ticket.expectedBehavior(), ticket.actualBehavior()).toLowerCase(Locale.ROOT))
			.collect(Collectors.toSet());
		List<String> quoted = new ArrayList<>();
		for (String line : evidence) {
			if (line.startsWith("its code uses the report's words")) {
				Matcher m = QUOTED.matcher(line);
				while (m.find()) {
					quoted.add(m.group(1));
				}
			}
		}
		assertThat(quoted).as("words of the report shown as evidence").isNotEmpty();
		assertThat(quoted).allSatisfy(word -> assertThat(reportWords).as("a word the report has, not a stem")
			.contains(word.toLowerCase(Locale.ROOT)));
		assertThat(String.join("\n", everything)).doesNotContainPattern("\\b(imag|resiz|us)\\b")
			.doesNotContain("matched terms:", "path match the report", "its name matches path");
	}

	@Test
	void notesThatRepeatTheirKindAreSaidOnce() {
		Ticket ticket = ticket("Uploading images fails", "The image never uploads.", null, null, null);
		EvidenceText text = EvidenceText.of(ticket);

		assertThat(text.describe(new Evidence(Evidence.Kind.RECENT_CHANGE, "changed recently", 1)))
			.isEqualTo("changed recently");
		assertThat(text.describe(new Evidence(Evidence.Kind.RECENT_CHANGE, "often changed by fixes", 1)))
			.isEqualTo("often changed by bug fixes");
		assertThat(text.describe(new Evidence(Evidence.Kind.NAME_MATCH, "path match the report", 1)))
			.isEqualTo("its path matches words of the report");
		assertThat(text.describe(new Evidence(Evidence.Kind.NAME_MATCH, "defined names match the report", 1)))
			.isEqualTo("names it defines match words of the report");
		assertThat(text.describe(new Evidence(Evidence.Kind.TEXT_MATCH, "matched terms: imag, upload, xyzzi", 1)))
			.isEqualTo("its code uses the report's words \"images\", \"uploading\"");
	}

	private static Ticket ticket(String summary, String description, String steps, String expected, String actual) {
		Instant now = Instant.parse("2026-12-01T10:00:00Z");
		return new Ticket(7, "AURA-7", TicketType.BUG, summary, description, Status.OPEN, Priority.HIGH,
				"alice@acme.example", "Alice", "acme", null, "Chrome 120", steps, expected, actual, null, null, 0, null,
				"portal", now, now, 1);
	}

}
