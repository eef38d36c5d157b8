package io.bugbridge.fix.workspace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class WorkspacesTests {

	private static final String TOKEN = "ghs_s3cr3tT0ken";

	private static final String BRANCH = "bugbridge/AURA-12-login-fails";

	@TempDir
	Path temp;

	private Path remote;

	private String remoteUrl;

	private Git seed;

	private Workspaces workspaces;

	@BeforeEach
	void createRemote() throws Exception {
		remote = temp.resolve("remote.git");
		Git.init().setBare(true).setGitDir(remote.toFile()).setInitialBranch("main").call().close();
		remoteUrl = remote.toUri().toString();
		seed = Git.init().setDirectory(temp.resolve("seed").toFile()).setInitialBranch("main").call();
		pushToRemote("Initial", Map.of("README.md", "# Demo\nline two\nline three\n", "src/app.py",
				"def login():\n    return 'error'\n", "src/old.py", "x = 1\n", ".gitignore", "build/\n*.log\n"));
		workspaces = new Workspaces(temp.resolve("worktrees"));
	}

	@AfterEach
	void closeSeed() {
		seed.close();
	}

	@Test
	void openChecksOutTheFreshBaseOnTheBranch() throws Exception {
		String first;
		try (Workspace workspace = workspaces.open(remoteUrl, TOKEN, "main", BRANCH)) {
			first = workspace.baseCommit();
			assertThat(workspace.branch()).isEqualTo(BRANCH);
			assertThat(workspace.directory()).isEqualTo(temp.resolve("worktrees").resolve("bugbridge%2FAURA-12-login-fails"));
			assertThat(workspace.directory().resolve("src/app.py")).hasContent("def login():\n    return 'error'");
			// No .git link: nothing run in the working copy can reach our git directory.
			assertThat(workspace.directory().resolve(".git")).doesNotExist();
			assertThat(workspace.changes().isEmpty()).isTrue();
			Files.writeString(workspace.directory().resolve("leftover.txt"), "from the first run");
		}
		String second = pushToRemote("Later", Map.of("src/new.py", "y = 2\n"));
		try (Workspace workspace = workspaces.open(remoteUrl, TOKEN, "main", BRANCH)) {
			assertThat(workspace.baseCommit()).isEqualTo(second).isNotEqualTo(first);
			assertThat(workspace.directory().resolve("src/new.py")).exists();
			assertThat(workspace.directory().resolve("leftover.txt")).doesNotExist();
		}
		assertThat(temp.resolve("worktrees").resolve("bugbridge%2FAURA-12-login-fails")).doesNotExist();
	}

	@Test
	void openReplacesALeftoverCopyOfTheSameBranch() throws Exception {
		Workspace crashed = workspaces.open(remoteUrl, null, "main", BRANCH);
		Files.writeString(crashed.directory().resolve("half-done.py"), "oops\n");
		try (Workspace workspace = workspaces.open(remoteUrl, null, "main", BRANCH)) {
			assertThat(workspace.directory().resolve("half-done.py")).doesNotExist();
			assertThat(workspace.changes().files()).isEmpty();
		}
	}

	@Test
	void openRefusesUnknownBranchesAndUnsafeRemotes() {
		assertThatThrownBy(() -> workspaces.open(remoteUrl, TOKEN, "develop", BRANCH)).isInstanceOf(IOException.class)
			.hasMessageContaining("develop")
			.hasMessageNotContaining(TOKEN);
		assertThatIllegalArgumentException().isThrownBy(() -> workspaces.open("http://example.com/r.git", TOKEN, "main", BRANCH))
			.withMessageContaining("https://");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> workspaces.open("https://x-access-token:" + TOKEN + "@example.com/r.git", TOKEN, "main", BRANCH))
			.withMessageNotContaining(TOKEN);
		assertThatIllegalArgumentException().isThrownBy(() -> workspaces.open(remoteUrl, TOKEN, "main", "bad..branch"));
	}

	@Test
	void changesReportWhatACommitWouldContain() throws Exception {
		try (Workspace workspace = workspaces.open(remoteUrl, TOKEN, "main", BRANCH)) {
			Path dir = workspace.directory();
			Files.writeString(dir.resolve("src/app.py"), "def login():\n    return 'ok'\n\n# fixed\n");
			Files.delete(dir.resolve("src/old.py"));
			write(dir.resolve("tests/test_login.py"), "def test_login():\n    assert login() == 'ok'\n");
			write(dir.resolve("build/out.txt"), "ignored\n");
			write(dir.resolve("debug.log"), "ignored\n");
			// Nothing under a .git may be reported or committed, wherever it is.
			write(dir.resolve(".git/hooks/pre-push"), "#!/bin/sh\ntouch /tmp/pwned\n");
			write(dir.resolve("vendor/lib/.git/config"), "[core]\n");
			write(dir.resolve("vendor/lib/util.py"), "z = 3\n");
			Files.createSymbolicLink(dir.resolve("passwd"), Path.of("/etc/passwd"));

			ChangeSet changes = workspace.changes();

			assertThat(changes.baseCommit()).isEqualTo(workspace.baseCommit());
			assertThat(changes.files()).extracting(FileChange::path, FileChange::type, FileChange::linesAdded,
					FileChange::linesRemoved, FileChange::test)
				.containsExactlyInAnyOrder(tuple("src/app.py", ChangeType.MODIFIED, 3, 1, false),
						tuple("src/old.py", ChangeType.DELETED, 0, 1, false),
						tuple("tests/test_login.py", ChangeType.ADDED, 2, 0, true),
						tuple("vendor/lib/util.py", ChangeType.ADDED, 1, 0, false),
						tuple("passwd", ChangeType.ADDED, 1, 0, false));
			assertThat(changes.linesChanged()).isEqualTo(9);
			assertThat(changes.testFiles()).containsExactly("tests/test_login.py");
			assertThat(changes.unifiedDiff()).contains("diff --git a/src/app.py b/src/app.py", "-    return 'error'",
					"+    return 'ok'", "new file mode 120000", "+/etc/passwd", "deleted file mode 100644")
				.doesNotContain("root:", "pwned", "ignored");
		}
	}

	@Test
	void renamesAreDetectedAndKeepTheirOldPath() throws Exception {
		try (Workspace workspace = workspaces.open(remoteUrl, null, "main", BRANCH)) {
			Path dir = workspace.directory();
			Files.createDirectories(dir.resolve("lib"));
			Files.move(dir.resolve("src/app.py"), dir.resolve("lib/app.py"));
			assertThat(workspace.changes().files()).containsExactly(
					new FileChange("lib/app.py", ChangeType.RENAMED, 0, 0, false, "src/app.py"));
		}
	}

	@Test
	void forbiddenPathsAndLimitsAreNamed() throws Exception {
		try (Workspace workspace = workspaces.open(remoteUrl, null, "main", BRANCH)) {
			write(workspace.directory().resolve(".github/workflows/ci.yml"), "on: push\n");
			write(workspace.directory().resolve("src/.github_helper.py"), "pass\n");
			ChangeSet changes = workspace.changes();
			assertThat(changes.violations(ChangeLimits.defaults()))
				.containsExactly("touches forbidden path .github/workflows/ci.yml");
			assertThat(changes.violations(new ChangeLimits(1, 1, List.of()))).containsExactly("changes 2 files (limit 1)",
					"changes 2 lines (limit 1)");
		}
	}

	@Test
	void baseWithFilesHasTheBaseCodeAndOnlyTheGivenFiles() throws Exception {
		try (Workspace workspace = workspaces.open(remoteUrl, null, "main", BRANCH)) {
			Path dir = workspace.directory();
			Files.writeString(dir.resolve("src/app.py"), "def login():\n    return 'ok'\n");
			write(dir.resolve("tests/test_login.py"), "def test_login():\n    assert login() == 'ok'\n");
			try (Workspace failBefore = workspace.baseWithFiles(workspace.changes().testFiles())) {
				Path base = failBefore.directory();
				assertThat(base).isNotEqualTo(dir);
				assertThat(failBefore.baseCommit()).isEqualTo(workspace.baseCommit());
				assertThat(base.resolve("src/app.py")).hasContent("def login():\n    return 'error'");
				assertThat(base.resolve("tests/test_login.py")).hasSameTextualContentAs(dir.resolve("tests/test_login.py"));
				assertThat(failBefore.changes().files()).extracting(FileChange::path).containsExactly("tests/test_login.py");
				assertThatThrownBy(() -> failBefore.push(remoteUrl, null)).isInstanceOf(IllegalStateException.class);
			}
			assertThatIllegalArgumentException().isThrownBy(() -> workspace.baseWithFiles(List.of("../remote.git/config")));
			assertThatIllegalArgumentException().isThrownBy(() -> workspace.baseWithFiles(List.of(".git/config")));
			assertThat(dir.resolve("src/app.py")).hasContent("def login():\n    return 'ok'");
		}
	}

	@Test
	void commitAndPushPublishTheBranchAndASecondRunReplacesIt() throws Exception {
		String firstCommit;
		try (Workspace workspace = workspaces.open(remoteUrl, TOKEN, "main", BRANCH)) {
			Files.writeString(workspace.directory().resolve("src/app.py"), "def login():\n    return 'ok'\n");
			write(workspace.directory().resolve("build/out.txt"), "ignored\n");
			write(workspace.directory().resolve(".git/hooks/pre-push"), "#!/bin/sh\ntouch \"" + temp.resolve("hook-ran") + "\"\n");
			firstCommit = workspace.commit("BugBridge", "bot@bugbridge.io", "AURA-12: Fix login");
			assertThat(workspace.remoteHas(remoteUrl, TOKEN, firstCommit)).isFalse();
			workspace.push(remoteUrl, TOKEN);
			assertThat(workspace.remoteHas(remoteUrl, TOKEN, firstCommit)).isTrue();
			assertThatThrownBy(() -> workspace.commit("BugBridge", "bot@bugbridge.io", "again"))
				.isInstanceOf(IllegalStateException.class);
		}
		try (Repository repository = Git.open(remote.toFile()).getRepository(); RevWalk walk = new RevWalk(repository)) {
			RevCommit pushed = walk.parseCommit(repository.resolve("refs/heads/" + BRANCH));
			assertThat(pushed.name()).isEqualTo(firstCommit);
			assertThat(pushed.getAuthorIdent().getEmailAddress()).isEqualTo("bot@bugbridge.io");
			assertThat(pushed.getFullMessage()).isEqualTo("AURA-12: Fix login");
			assertThat(pushed.getParent(0)).isEqualTo(repository.resolve("refs/heads/main"));
			assertThat(Files.readString(temp.resolve("seed/README.md"))).isNotEmpty();
			assertThat(filesOf(repository, pushed)).containsExactlyInAnyOrder(".gitignore", "README.md", "src/app.py",
					"src/old.py");
		}
		assertThat(temp.resolve("hook-ran")).doesNotExist();

		try (Workspace workspace = workspaces.open(remoteUrl, TOKEN, "main", BRANCH)) {
			Files.writeString(workspace.directory().resolve("src/app.py"), "def login():\n    return 'fixed better'\n");
			String secondCommit = workspace.commit("BugBridge", "bot@bugbridge.io", "AURA-12: Fix login, second try");
			workspace.push(remoteUrl, TOKEN);
			assertThat(workspace.remoteHas(remoteUrl, TOKEN, secondCommit)).isTrue();
			assertThat(workspace.remoteHas(remoteUrl, TOKEN, firstCommit)).isFalse();
		}
	}

	@Test
	void pushRefusesToOverwriteWhatSomeoneElsePushedMeanwhile() throws Exception {
		try (Workspace workspace = workspaces.open(remoteUrl, TOKEN, "main", BRANCH)) {
			Files.writeString(workspace.directory().resolve("src/app.py"), "def login():\n    return 'ok'\n");
			workspace.commit("BugBridge", "bot@bugbridge.io", "AURA-12: Fix login");
			seed.push().setRemote(remoteUrl).setRefSpecs(new RefSpec("refs/heads/main:refs/heads/" + BRANCH)).call();
			assertThatThrownBy(() -> workspace.push(remoteUrl, TOKEN)).isInstanceOf(PushRejectedException.class)
				.hasMessageContaining("refs/heads/" + BRANCH)
				.hasMessageContaining("changed since this run started")
				.hasMessageNotContaining(TOKEN);
		}
	}

	@Test
	void pushReportsARemoteThatDeniesNonFastForwards() throws Exception {
		try (Workspace workspace = workspaces.open(remoteUrl, TOKEN, "main", BRANCH)) {
			Files.writeString(workspace.directory().resolve("src/app.py"), "first\n");
			workspace.commit("BugBridge", "bot@bugbridge.io", "first");
			workspace.push(remoteUrl, TOKEN);
		}
		try (Repository repository = Git.open(remote.toFile()).getRepository()) {
			StoredConfig config = repository.getConfig();
			config.setBoolean("receive", null, "denyNonFastForwards", true);
			config.save();
		}
		try (Workspace workspace = workspaces.open(remoteUrl, TOKEN, "main", BRANCH)) {
			Files.writeString(workspace.directory().resolve("src/app.py"), "second\n");
			workspace.commit("BugBridge", "bot@bugbridge.io", "second");
			assertThatThrownBy(() -> workspace.push(remoteUrl, TOKEN)).isInstanceOf(PushRejectedException.class)
				.hasMessageContaining("refs/heads/" + BRANCH)
				.hasMessageContaining("fast forward")
				.hasMessageNotContaining(TOKEN);
		}
	}

	@Test
	void pushReportsARemoteWhoseBranchesBlockTheName() throws Exception {
		// A remote branch "<branch>/old" makes "<branch>" impossible to create (a ref cannot be a directory too).
		seed.push().setRemote(remoteUrl).setRefSpecs(new RefSpec("refs/heads/main:refs/heads/" + BRANCH + "/old")).call();
		try (Workspace workspace = workspaces.open(remoteUrl, TOKEN, "main", BRANCH)) {
			Files.writeString(workspace.directory().resolve("src/app.py"), "def login():\n    return 'ok'\n");
			workspace.commit("BugBridge", "bot@bugbridge.io", "AURA-12: Fix login");
			assertThatThrownBy(() -> workspace.push(remoteUrl, TOKEN)).isInstanceOf(PushRejectedException.class)
				.hasMessageStartingWith("The remote " + remoteUrl + " refused to update refs/heads/" + BRANCH + ": ")
				.hasMessageNotContaining(TOKEN)
				.satisfies(ex -> assertThat(((PushRejectedException) ex).reason()).isNotBlank());
		}
	}

	@Test
	void remoteFailuresNeverNameTheToken() throws Exception {
		String missing = temp.resolve("missing.git").toUri().toString();
		assertThatThrownBy(() -> workspaces.open(missing, TOKEN, "main", BRANCH)).isInstanceOf(IOException.class)
			.hasMessageContaining("missing.git")
			.hasMessageNotContaining(TOKEN);
		try (Workspace workspace = workspaces.open(remoteUrl, TOKEN, "main", BRANCH)) {
			Files.writeString(workspace.directory().resolve("src/app.py"), "changed\n");
			workspace.commit("BugBridge", "bot@bugbridge.io", "change");
			assertThatThrownBy(() -> workspace.push(missing, TOKEN)).isInstanceOf(PushRejectedException.class)
				.hasMessageNotContaining(TOKEN);
		}
		assertThat(Remotes.scrub("server said " + TOKEN, TOKEN)).isEqualTo("server said ***");
	}

	@Test
	void branchNamesAreShortValidRefs() {
		assertThat(Workspaces.branchName("AURA-12", "Login fails with OAuth error"))
			.isEqualTo("bugbridge/AURA-12-login-fails-with-oauth-error");
		assertThat(Workspaces.branchName("AURA-7", "Café crème: «naïve» façade")).isEqualTo("bugbridge/AURA-7-cafe-creme-naive-facade");
		assertThat(Workspaces.branchName("AURA-8", "Login fails!!! (again?) ... ~^:[]\\ @{ */.lock"))
			.isEqualTo("bugbridge/AURA-8-login-fails-again-lock");
		assertThat(Workspaces.branchName("AURA-9", "日本語のみ")).isEqualTo("bugbridge/AURA-9");
		assertThat(Workspaces.branchName("AURA-10", null)).isEqualTo("bugbridge/AURA-10");
		String longName = Workspaces.branchName("AURA-1234", "The checkout page crashes whenever a customer applies two discount codes");
		assertThat(longName).isEqualTo("bugbridge/AURA-1234-the-checkout-page-crashes");
		assertThat(Workspaces.branchName("AURA-11", "Supercalifragilisticexpialidociousnessismsandmore words"))
			.hasSizeLessThanOrEqualTo(50)
			.doesNotEndWith("-")
			.startsWith("bugbridge/AURA-11-supercali");
		for (String name : List.of(longName, Workspaces.branchName("a b", "x"))) {
			assertThat(Repository.isValidRefName("refs/heads/" + name)).isTrue();
		}
		assertThatIllegalArgumentException().isThrownBy(() -> Workspaces.branchName("  ", "summary"));
	}

	@Test
	void forbiddenPatternsAreAnchoredGlobs() {
		ChangeLimits limits = ChangeLimits.defaults();
		assertThat(limits.forbiddenPattern(".github/workflows/ci.yml")).contains(".github/**");
		assertThat(limits.forbiddenPattern("src/.github_helper.py")).isEmpty();
		assertThat(limits.forbiddenPattern("web/package-lock.json")).contains("**/package-lock.json");
		assertThat(limits.forbiddenPattern("package-lock.json")).contains("**/package-lock.json");
		assertThat(limits.forbiddenPattern("config/.env.production")).contains("**/.env.*");
		assertThat(limits.forbiddenPattern("config/credentials/db.yml")).contains("**/*credentials*");
		assertThat(limits.forbiddenPattern("docs/.gitlab-ci.yml")).isEmpty();
		assertThat(limits.forbiddenPattern("src/main/java/Environment.java")).isEmpty();
		assertThat(limits.forbiddenPattern("src/environment.py")).isEmpty();
	}

	@Test
	void testFilesAreRecognisedAcrossLanguages() {
		assertThat(List.of("src/test/java/a/LoginTest.java", "src/main/java/a/LoginTests.java", "tests/conftest.py",
				"app/test_login.py", "app/login_test.py", "web/login.test.ts", "web/login.spec.js", "pkg/login_test.go",
				"spec/login_spec.rb", "web/__tests__/login.jsx"))
			.allMatch(FileChange::looksLikeTest);
		assertThat(List.of("src/main/java/a/Login.java", "src/latest.py", "web/contest.ts", "testing_notes.md", "src/Testimony.java"))
			.noneMatch(FileChange::looksLikeTest);
	}

	private String pushToRemote(String message, Map<String, String> files) throws IOException, GitAPIException {
		for (Map.Entry<String, String> file : files.entrySet()) {
			write(seed.getRepository().getWorkTree().toPath().resolve(file.getKey()), file.getValue());
		}
		seed.add().addFilepattern(".").call();
		String id = seed.commit().setMessage(message).setAuthor("Dev", "dev@example.com").setSign(false).call().name();
		seed.push().setRemote(remoteUrl).setRefSpecs(new RefSpec("refs/heads/main:refs/heads/main")).call();
		return id;
	}

	private static List<String> filesOf(Repository repository, RevCommit commit) throws IOException {
		List<String> paths = new java.util.ArrayList<>();
		try (org.eclipse.jgit.treewalk.TreeWalk walk = new org.eclipse.jgit.treewalk.TreeWalk(repository)) {
			walk.addTree(commit.getTree());
			walk.setRecursive(true);
			while (walk.next()) {
				paths.add(walk.getPathString());
			}
		}
		return paths;
	}

	private static void write(Path file, String content) throws IOException {
		Files.createDirectories(file.getParent());
		Files.writeString(file, content, StandardCharsets.UTF_8);
	}

}
