package io.bugbridge.fix.workspace;

import java.util.List;

import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Branch names, forbidden path patterns and test file detection: the rules without a repository. */
class ChangeRulesTests {

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

	@Test
	void violationsNameEveryLimitExceeded() {
		ChangeSet changes = new ChangeSet("abc", List.of(new FileChange("src/a.py", ChangeType.MODIFIED, 500, 400, false),
				new FileChange("ci/build.sh", ChangeType.RENAMED, 0, 0, false, ".github/workflows/ci.yml"),
				new FileChange("web/yarn.lock", ChangeType.DELETED, 0, 10, false)), "");
		assertThat(changes.linesChanged()).isEqualTo(910);
		assertThat(changes.violations(new ChangeLimits(2, 800, ChangeLimits.DEFAULT_FORBIDDEN))).containsExactly(
				"touches forbidden path .github/workflows/ci.yml", "touches forbidden path web/yarn.lock",
				"changes 3 files (limit 2)", "changes 910 lines (limit 800)");
		assertThat(changes.violations(new ChangeLimits(3, 910, List.of()))).isEmpty();
		assertThatIllegalArgumentException().isThrownBy(() -> new ChangeLimits(0, 10, List.of()));
	}

}
