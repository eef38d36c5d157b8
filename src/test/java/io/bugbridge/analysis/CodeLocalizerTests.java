package io.bugbridge.analysis;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.bugbridge.analysis.Evidence.Kind;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CodeLocalizerTests {

	@TempDir
	Path tmp;

	TestRepository repo;

	String first;

	@BeforeEach
	void createRepository() throws Exception {
		repo = TestRepository.init(tmp.resolve("work"));
		first = repo.commit("Initial import", Sources.INITIAL);
	}

	@Test
	void javaStackFramePutsItsFileFirst() throws Exception {
		Localization result = rank(first, "Division by zero", """
				java.lang.ArithmeticException: / by zero
				\tat com.acme.billing.TaxCalculator.rate(TaxCalculator.java:9)
				\tat org.springframework.web.servlet.FrameworkServlet.service(FrameworkServlet.java:883)
				""");
		assertThat(result.files().get(0).path()).isEqualTo("src/main/java/com/acme/billing/TaxCalculator.java");
		assertThat(result.files().get(0).evidence()).extracting(Evidence::kind).contains(Kind.STACK_FRAME);
		assertThat(result.frames()).hasSize(2);
	}

	@Test
	void pythonTracebackFromAnotherMachineMapsToTheRepositoryFile() throws Exception {
		Localization result = rank(first, "Refund crashes", """
				Traceback (most recent call last):
				  File "/srv/deploy/app/payments/gateway.py", line 4, in charge
				  File "/srv/deploy/app/payments/refunds.py", line 3, in refund
				KeyError: 'amount'
				""");
		// Python prints the innermost frame last: that is where the error was raised.
		assertThat(result.files().get(0).path()).isEqualTo("app/payments/refunds.py");
		assertThat(result.files().get(0).evidence())
			.anyMatch(e -> e.kind() == Kind.STACK_FRAME && e.detail().contains("refunds.py:3"));
		assertThat(result.confidence().level()).isEqualTo(Confidence.Level.HIGH);
	}

	@Test
	void mentionedTypeScriptClassRanksFirst() throws Exception {
		Localization result = rank(first, "CartStore loses items",
				"After adding the same product twice the cart shows one line. Quantity should add up.");
		assertThat(result.files().get(0).path()).isEqualTo("web/src/cart/cartStore.ts");
		assertThat(result.files().get(0).evidence()).extracting(Evidence::kind).contains(Kind.DEFINITION_MENTION);
	}

	@Test
	void readsTheRequestedCommitOnly() throws Exception {
		String second = repo.commit("Add ledger", Map.of("app/payments/ledger.py", """
				class Ledger:
				    def post_idempotency_entry(self, key):
				        return key
				"""));
		try (CodeLocalizer localizer = open(); IndexedCommit old = localizer.index(first);
				IndexedCommit now = localizer.index(second)) {
			assertThat(old.paths()).doesNotContain("app/payments/ledger.py");
			assertThat(now.paths()).contains("app/payments/ledger.py");
			BugReport report = new BugReport("Ledger idempotency entry posted twice", "");
			assertThat(old.rank(report, 10).files()).extracting(RankedFile::path).doesNotContain("app/payments/ledger.py");
			assertThat(now.rank(report, 10).files().get(0).path()).isEqualTo("app/payments/ledger.py");
		}
	}

	@Test
	void reindexingAfterACommitAnalysesOnlyChangedFiles() throws Exception {
		Map<String, String> change = new LinkedHashMap<>();
		change.put("app/payments/gateway.py", Sources.INITIAL.get("app/payments/gateway.py") + "\n# retries\n");
		change.put("app/payments/ledger.py", "def post(entry):\n    return entry\n");
		String second = repo.commit("Retry charges", change);
		try (CodeLocalizer localizer = open()) {
			try (IndexedCommit c = localizer.index(first)) {
				assertThat(c.analysedFiles()).isEqualTo(Sources.INITIAL.size());
				assertThat(c.fileCount()).isEqualTo(Sources.INITIAL.size());
			}
			try (IndexedCommit c = localizer.index(second)) {
				assertThat(c.analysedFiles()).isEqualTo(2);
				assertThat(c.fileCount()).isEqualTo(Sources.INITIAL.size() + 1);
			}
			try (IndexedCommit c = localizer.index(first)) {
				assertThat(c.analysedFiles()).isZero();
			}
			assertThat(localizer.indexedDocuments()).isEqualTo(Sources.INITIAL.size() + 2);
		}
	}

	@Test
	void anIndexOnDiskIsReusedByTheNextLocalizer() throws Exception {
		Path index = tmp.resolve("index");
		try (CodeLocalizer localizer = CodeLocalizer.open(RepositorySource.of(repo.dir()), LocalizerOptions.onDisk(index));
				IndexedCommit c = localizer.index(first)) {
			assertThat(c.analysedFiles()).isEqualTo(Sources.INITIAL.size());
		}
		try (CodeLocalizer localizer = CodeLocalizer.open(RepositorySource.of(repo.dir()), LocalizerOptions.onDisk(index));
				IndexedCommit c = localizer.index(first)) {
			assertThat(c.analysedFiles()).isZero();
			assertThat(c.fileCount()).isEqualTo(Sources.INITIAL.size());
		}
	}

	@Test
	void similarPastFixesCountButOnlyThoseBeforeTheCommit() throws Exception {
		String fix = repo.commit("Fix rounding of tax amounts in invoices",
				Map.of("src/main/java/com/acme/billing/TaxCalculator.java",
						Sources.INITIAL.get("src/main/java/com/acme/billing/TaxCalculator.java") + "\n// rounding\n"));
		String later = repo.commit("Fix currency conversion of partial refunds",
				Map.of("app/payments/refunds.py", Sources.INITIAL.get("app/payments/refunds.py") + "\n# currency\n"));
		try (CodeLocalizer localizer = open(); IndexedCommit base = localizer.index(fix)) {
			Localization tax = base.rank(new BugReport("Tax rounding is off by a cent", ""), 10);
			assertThat(evidence(tax, Kind.SIMILAR_FIX)).anyMatch(d -> d.startsWith(fix.substring(0, 10)));
			Localization refund = base.rank(new BugReport("Currency conversion of partial refunds", ""), 10);
			assertThat(evidence(refund, Kind.SIMILAR_FIX)).noneMatch(d -> d.startsWith(later.substring(0, 10)));
		}
	}

	@Test
	void readsBareRepositoriesInARepoSubfolder() throws Exception {
		Path holder = tmp.resolve("acme+shop");
		Git.cloneRepository().setURI(repo.dir().toUri().toString()).setBare(true)
			.setDirectory(holder.resolve("repo").toFile()).call().close();
		try (CodeLocalizer localizer = CodeLocalizer.open(RepositorySource.of(holder), LocalizerOptions.inMemory());
				IndexedCommit c = localizer.index(first)) {
			assertThat(c.fileCount()).isEqualTo(Sources.INITIAL.size());
		}
	}

	@Test
	void unknownCommitsAreRefused() throws Exception {
		try (CodeLocalizer localizer = open()) {
			assertThat(localizer.resolve("0123456789abcdef0123456789abcdef01234567")).isEmpty();
			assertThatThrownBy(() -> localizer.index("0123456789abcdef0123456789abcdef01234567"))
				.isInstanceOf(IllegalArgumentException.class);
		}
	}

	@Test
	void neverReadsOutsideTheRepository() throws Exception {
		// Git itself refuses such trees, so build the objects by hand as a hostile copy could hold them.
		Repository r = repo.git().getRepository();
		ObjectId commit;
		try (ObjectInserter ins = r.newObjectInserter()) {
			ObjectId ok = ins.insert(Constants.OBJ_BLOB, "def ok():\n    return 1\n".getBytes());
			ObjectId evil = ins.insert(Constants.OBJ_BLOB, "def evil():\n    return 2\n".getBytes());
			ObjectId target = ins.insert(Constants.OBJ_BLOB, "../../../etc/passwd".getBytes());
			TreeFormatter up = new TreeFormatter();
			up.append("evil.py", FileMode.REGULAR_FILE, evil);
			ObjectId upTree = ins.insert(up);
			TreeFormatter root = new TreeFormatter();
			// Entries sorted by name as git stores them.
			root.append("..", FileMode.TREE, upTree);
			root.append("link.py", FileMode.SYMLINK, target);
			root.append("missing.py", FileMode.REGULAR_FILE, ObjectId.fromString("1111111111111111111111111111111111111111"));
			root.append("ok.py", FileMode.REGULAR_FILE, ok);
			CommitBuilder cb = new CommitBuilder();
			cb.setTreeId(ins.insert(root));
			PersonIdent who = new PersonIdent("Dev", "dev@example.com");
			cb.setAuthor(who);
			cb.setCommitter(who);
			cb.setMessage("hostile tree");
			commit = ins.insert(cb);
			ins.flush();
		}
		RefUpdate ru = r.updateRef("refs/heads/hostile");
		ru.setNewObjectId(commit);
		ru.forceUpdate();
		try (CodeLocalizer localizer = open(); IndexedCommit c = localizer.index("hostile")) {
			assertThat(c.paths()).containsExactly("ok.py");
			assertThat(c.rank(new BugReport("evil passwd", "../evil.py link.py"), 10).files()).extracting(RankedFile::path)
				.allMatch(p -> p.equals("ok.py"));
		}
	}

	private static List<String> evidence(Localization result, Kind kind) {
		return result.files().stream().flatMap(f -> f.evidence().stream()).filter(e -> e.kind() == kind)
			.map(Evidence::detail).toList();
	}

	private CodeLocalizer open() throws Exception {
		return CodeLocalizer.open(RepositorySource.of(repo.dir()), LocalizerOptions.inMemory());
	}

	private Localization rank(String commit, String title, String body) throws Exception {
		try (CodeLocalizer localizer = open(); IndexedCommit c = localizer.index(commit)) {
			return c.rank(new BugReport(title, body), 10);
		}
	}

}
