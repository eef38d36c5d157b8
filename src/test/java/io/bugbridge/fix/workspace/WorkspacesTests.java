package io.bugbridge.fix.workspace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
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
		Workspace crashed = workspaces.open(remoteUrl, TOKEN, "main", BRANCH);
		String first = crashed.baseCommit();
		assertThat(crashed.branch()).isEqualTo(BRANCH);
		assertThat(crashed.directory()).isEqualTo(temp.resolve("worktrees").resolve("bugbridge%2FAURA-12-login-fails"));
		assertThat(crashed.directory().resolve("src/app.py")).hasContent("def login():\n    return 'error'");
		// No .git link: nothing run in the working copy can reach our git directory.
		assertThat(crashed.directory().resolve(".git")).doesNotExist();
		assertThat(crashed.changes().isEmpty()).isTrue();
		// Left behind like a crashed run's copy: the next open must replace it.
		Files.writeString(crashed.directory().resolve("leftover.txt"), "from the first run");
		String second = pushToRemote("Later", Map.of("src/new.py", "y = 2\n"));
		try (Workspace workspace = workspaces.open(remoteUrl, TOKEN, "main", BRANCH)) {
			assertThat(workspace.baseCommit()).isEqualTo(second).isNotEqualTo(first);
			assertThat(workspace.directory().resolve("src/new.py")).exists();
			assertThat(workspace.directory().resolve("leftover.txt")).doesNotExist();
		}
		assertThat(temp.resolve("worktrees").resolve("bugbridge%2FAURA-12-login-fails")).doesNotExist();
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
			fix(workspace, "def login():\n    return 'ok'\n", "AURA-12: Fix login");
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
			fix(workspace, "first\n", "first");
			workspace.push(remoteUrl, TOKEN);
		}
		try (Repository repository = Git.open(remote.toFile()).getRepository()) {
			StoredConfig config = repository.getConfig();
			config.setBoolean("receive", null, "denyNonFastForwards", true);
			config.save();
		}
		try (Workspace workspace = workspaces.open(remoteUrl, TOKEN, "main", BRANCH)) {
			fix(workspace, "second\n", "second");
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
			fix(workspace, "def login():\n    return 'ok'\n", "AURA-12: Fix login");
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
			fix(workspace, "changed\n", "change");
			assertThatThrownBy(() -> workspace.push(missing, TOKEN)).isInstanceOf(PushRejectedException.class)
				.hasMessageNotContaining(TOKEN);
		}
		assertThat(Remotes.scrub("server said " + TOKEN, TOKEN)).isEqualTo("server said ***");
	}

	/** Rewrites src/app.py and commits it as the bot would. */
	private static String fix(Workspace workspace, String content, String message) throws IOException {
		Files.writeString(workspace.directory().resolve("src/app.py"), content);
		return workspace.commit("BugBridge", "bot@bugbridge.io", message);
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
