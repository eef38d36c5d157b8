package io.bugbridge.fix;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.bugbridge.fix.FixRun.TestRun;
import io.bugbridge.fix.FixRun.Verification;
import io.bugbridge.fix.sandbox.Sandbox;
import io.bugbridge.fix.sandbox.SandboxResult;
import io.bugbridge.fix.workspace.ChangeLimits;
import io.bugbridge.fix.workspace.ChangeSet;
import io.bugbridge.fix.workspace.Workspace;

/**
 * The service's own proof of a fix, independent of what the agent says: the change stays within
 * the limits, the new or changed tests fail on the base commit, and the whole test command passes
 * on the fixed tree. Both runs are in the sandbox: the agent wrote the code they execute.
 */
final class Verifier {

	private static final int TAIL = 4000;

	private final Sandbox sandbox;

	Verifier(Sandbox sandbox) {
		this.sandbox = sandbox;
	}

	Verification verify(Workspace workspace, ChangeSet changes, ChangeLimits limits, String command, Duration timeout,
			boolean requireFailBefore) throws IOException, InterruptedException {
		List<String> violations = new ArrayList<>(changes.violations(limits));
		List<String> tests = changes.testFiles();
		if (changes.isEmpty()) {
			violations.add("the fix changes nothing");
		}
		if (requireFailBefore && tests.isEmpty()) {
			violations.add("no test reproduces the bug: the fix adds or changes no test file");
		}
		if (!violations.isEmpty()) {
			return new Verification(command, tests, null, null, violations);
		}
		TestRun before = null;
		if (requireFailBefore) {
			try (Workspace base = workspace.baseWithFiles(tests)) {
				before = testRun(sandbox.run(base.directory(), command, timeout));
			}
			if (before.passed()) {
				violations.add("the new tests pass without the fix, so they do not prove it");
			}
			else if (before.timedOut()) {
				violations.add("the tests timed out on the base commit, so the failure proves nothing");
			}
		}
		TestRun after = testRun(sandbox.run(workspace.directory(), command, timeout));
		if (!after.passed()) {
			violations.add(after.timedOut() ? "the tests time out with the fix" : "the tests fail with the fix (exit "
					+ after.exitCode() + ")");
		}
		return new Verification(command, tests, before, after, violations);
	}

	private static TestRun testRun(SandboxResult result) {
		String output = result.output();
		return new TestRun(result.exitCode(), result.timedOut(), result.duration().toMillis(), result.sandboxed(),
				output.length() <= TAIL ? output : "..." + output.substring(output.length() - TAIL));
	}

}
