package io.bugbridge.analysis;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.bugbridge.analysis.Evidence.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Ye et al.'s signals that the Java weight set uses: what a short, Tomcat-like report needs. */
class JavaRankingTests {

	@TempDir
	Path tmp;

	private static final Map<String, String> FILES = Map.of(
			"java/javax/servlet/http/HttpSession.java", """
					package javax.servlet.http;
					/** A user's session. */
					public interface HttpSession {
					    /** Returns the maximum inactive interval, in seconds, before the container invalidates the session. */
					    int getMaxInactiveInterval();
					    /** Invalidates this session and unbinds any objects bound to it. */
					    void invalidate();
					}
					""",
			"java/org/apache/catalina/session/StandardSession.java", """
					package org.apache.catalina.session;
					import javax.servlet.http.HttpSession;
					public class StandardSession implements HttpSession {
					    private int timeout = 30;
					    private boolean valid = true;
					    public int getMaxInactiveInterval() { return timeout; }
					    public void invalidate() { valid = false; }
					}
					""",
			"java/org/apache/catalina/connector/Response.java", """
					package org.apache.catalina.connector;
					public class Response {
					    private int status = 200;
					    public int getStatus() { return status; }
					    public void setStatus(int s) { status = s; }
					}
					""");

	@Test
	void aReportInTheServletApisWordsLiftsTheClassThatUsesThatApi() throws Exception {
		try (TestRepository repo = TestRepository.init(tmp.resolve("work"))) {
			String commit = repo.commit("Initial import", FILES);
			try (CodeLocalizer localizer = CodeLocalizer.open(RepositorySource.of(repo.dir()), LocalizerOptions.inMemory());
					IndexedCommit indexed = localizer.index(commit)) {
				Localization result = indexed.rank(new BugReport("Maximum inactive interval ignored after invalidate", ""), 10);
				List<String> paths = result.files().stream().map(RankedFile::path).toList();
				String impl = "java/org/apache/catalina/session/StandardSession.java";
				assertThat(paths).contains(impl);
				int unrelated = paths.indexOf("java/org/apache/catalina/connector/Response.java");
				assertThat(unrelated < 0 || unrelated > paths.indexOf(impl)).isTrue();
				RankedFile file = result.files().get(paths.indexOf(impl));
				assertThat(file.evidence()).anyMatch(
						e -> e.kind() == Kind.TEXT_MATCH && e.detail().contains("uses java/javax/servlet/http/HttpSession.java"));
			}
		}
	}

	@Test
	void theClassNamedInATitleOnlyReportComesFirst() throws Exception {
		try (TestRepository repo = TestRepository.init(tmp.resolve("work"))) {
			String commit = repo.commit("Initial import", FILES);
			try (CodeLocalizer localizer = CodeLocalizer.open(RepositorySource.of(repo.dir()), LocalizerOptions.inMemory());
					IndexedCommit indexed = localizer.index(commit)) {
				Localization result = indexed.rank(new BugReport("StandardSession keeps the old timeout", ""), 10);
				assertThat(result.files().get(0).path()).isEqualTo("java/org/apache/catalina/session/StandardSession.java");
				assertThat(result.files().get(0).evidence())
					.anyMatch(e -> e.kind() == Kind.NAME_MATCH && e.detail().contains("StandardSession"));
			}
		}
	}

	@Test
	void aReportInOtherWordsThanTheCodeStillFindsTheFileByItsSummary() throws Exception {
		Map<String, String> files = Map.of(
				"java/org/example/mail/SmtpMailer.java", """
						package org.example.mail;
						/** Sends e-mail notifications to customers through the SMTP server. */
						public class SmtpMailer {
						    public void deliver(String to, String body) { }
						}
						""",
				"java/org/example/image/ThumbnailScaler.java", """
						package org.example.image;
						/** Scales uploaded pictures down to thumbnails. */
						public class ThumbnailScaler {
						    public int[] scale(int width, int height) { return new int[] { width / 4, height / 4 }; }
						}
						""",
				"java/org/example/tax/VatCalculator.java", """
						package org.example.tax;
						/** Computes value added tax for an invoice line. */
						public class VatCalculator {
						    public long vat(long cents) { return cents / 5; }
						}
						""");
		try (TestRepository repo = TestRepository.init(tmp.resolve("work"))) {
			String commit = repo.commit("Initial import", files);
			try (CodeLocalizer localizer = CodeLocalizer.open(RepositorySource.of(repo.dir()), LocalizerOptions.inMemory(),
					new io.bugbridge.embedding.SentenceEmbedder(CodeLocalizer.REPORT_CHARS, tmp.resolve("djl")), false);
					IndexedCommit indexed = localizer.index(commit)) {
				Localization result = indexed.rank(new BugReport("Order confirmations never arrive in the inbox", ""), 10);
				assertThat(result.files().get(0).path()).isEqualTo("java/org/example/mail/SmtpMailer.java");
				assertThat(result.files().get(0).evidence())
					.anyMatch(e -> e.kind() == Kind.TEXT_MATCH && e.detail().contains("sentence embeddings"));
			}
		}
	}

}
