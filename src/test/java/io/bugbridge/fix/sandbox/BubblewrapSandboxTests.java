package io.bugbridge.fix.sandbox;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.bugbridge.support.Requires;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.awaitility.Awaitility.await;

/**
 * Real bubblewrap processes: each test proves one thing the agent's code must not be able to do,
 * or one thing a real test command needs.
 */
class BubblewrapSandboxTests {

	static final Duration MINUTE = Duration.ofMinutes(1);

	static final Sandbox sandbox = new BubblewrapSandbox(SandboxProperties.defaults());

	@TempDir
	Path temp;

	Path work;

	/** Skipped with one line where bubblewrap is missing; on CI (CI=true) that fails instead. */
	@BeforeAll
	static void bubblewrapWorksHere() {
		Requires.bubblewrap();
	}

	Path work() throws IOException {
		if (work == null) {
			work = Files.createDirectories(temp.resolve("repo"));
		}
		return work;
	}

	SandboxResult run(String command) throws Exception {
		return sandbox.run(work(), command, MINUTE);
	}

	static SandboxProperties limits(long cpuSeconds, long memoryMegabytes, long maxProcesses, int maxOutputChars) {
		return new SandboxProperties("bwrap", false, cpuSeconds, memoryMegabytes, maxProcesses, Duration.ofMinutes(15),
				maxOutputChars, null, null);
	}

	@Test
	void availabilityNamesTheVersionAndTheIsolation() {
		assertThat(sandbox.availability().description()).startsWith("bubblewrap 0.")
			.contains("no network", "empty environment", "512 processes");
	}

	@Test
	void aMissingBubblewrapSaysHowToInstallItAndNothingRuns() {
		Sandbox missing = new BubblewrapSandbox(new SandboxProperties("/nonexistent/bwrap", false, 600, 4096, 512,
				MINUTE, 65536, null, null));

		assertThat(missing.availability().available()).isFalse();
		assertThat(missing.availability().description()).contains("apt-get install bubblewrap");
		assertThatIOException().isThrownBy(() -> missing.run(work(), "true", MINUTE))
			.withMessageContaining("apt-get install bubblewrap");
	}

	@Test
	void aBubblewrapThatCannotCreateNamespacesReportsItsError() throws Exception {
		Path fake = temp.resolve("bwrap");
		Files.writeString(fake, "#!/bin/sh\necho 'bwrap: No permissions to create new namespace' >&2\nexit 1\n");
		Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
		Sandbox broken = new BubblewrapSandbox(new SandboxProperties(fake.toString(), false, 600, 4096, 512, MINUTE,
				65536, null, null));

		assertThat(broken.availability().available()).isFalse();
		assertThat(broken.availability().description()).contains("No permissions to create new namespace",
				"user namespaces");
	}

	@Test
	void noConnectionReachesTheServiceOrAnyOtherAddress() throws Exception {
		try (ServerSocket loopback = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
				ServerSocket anyAddress = new ServerSocket(0, 50)) {
			List<String> targets = new ArrayList<>(List.of("127.0.0.1/" + loopback.getLocalPort(), "1.1.1.1/443"));
			hostAddress().ifPresent((host) -> targets.add(host + "/" + anyAddress.getLocalPort()));
			String command = "for target in " + String.join(" ", targets) + "; do "
					+ "if timeout 5 bash -c \"exec 3<>/dev/tcp/$target\" 2>/dev/null; then echo \"CONNECTED $target\"; "
					+ "else echo \"BLOCKED $target\"; fi; done";

			// The same probe outside the sandbox reaches the service, so a pass below is not a broken probe.
			SandboxResult outside = new UnsandboxedRunner(SandboxProperties.defaults()).run(work(), command, MINUTE);
			assertThat(outside.output()).contains("CONNECTED 127.0.0.1/" + loopback.getLocalPort());

			SandboxResult inside = run(command);
			assertThat(inside.output()).doesNotContain("CONNECTED");
			targets.forEach((target) -> assertThat(inside.output()).contains("BLOCKED " + target));
		}
	}

	static Optional<String> hostAddress() throws IOException {
		return NetworkInterface.networkInterfaces()
			.filter((nic) -> !nic.getName().equals("lo"))
			.flatMap(NetworkInterface::inetAddresses)
			.filter(Inet4Address.class::isInstance)
			.map(InetAddress::getHostAddress)
			.findFirst();
	}

	@Test
	void theCommandSeesOnlyTheMinimalEnvironment() throws Exception {
		SandboxResult result = run("env");

		assertThat(result.exitCode()).isZero();
		List<String> names = result.output().lines().map((line) -> line.substring(0, line.indexOf('='))).toList();
		// The JVM running this test has HOME=/root, USER, JAVA_HOME, MAVEN_* and more; none pass.
		assertThat(names).containsOnly("PATH", "HOME", "LANG", "TMPDIR", "PWD");
		assertThat(result.output()).contains("HOME=/tmp/home", "LANG=C.UTF-8", "TMPDIR=/tmp")
			.doesNotContain("/root");
	}

	@Test
	void secretsInTheServiceEnvironmentStayOutEvenThroughProc() throws Exception {
		// A child JVM stands in for the service, with the secrets it really has in its environment.
		ProcessBuilder service = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-cp", System.getProperty("java.class.path"), SandboxedEnvironmentDump.class.getName(), work().toString())
			.redirectErrorStream(true);
		service.environment().put("ANTHROPIC_API_KEY", "sk-ant-secret-4711");
		service.environment().put("GITHUB_TOKEN", "ghp_secret4712");
		service.environment().put("BUGBRIDGE_JWT_SECRET", "jwt-secret-4713");
		service.environment().put("BUGBRIDGE_PASSED", "chosen-by-admin");
		Process process = service.start();
		String output = new String(process.getInputStream().readAllBytes());

		assertThat(process.waitFor()).as(output).isZero();
		assertThat(output).contains("exit=0", "BUGBRIDGE_PASSED=chosen-by-admin")
			.doesNotContain("4711", "4712", "4713", "ANTHROPIC_API_KEY", "GITHUB_TOKEN", "JWT");
	}

	@Test
	void theProcessTableShowsOnlyTheSandbox() throws Exception {
		long jvm = ProcessHandle.current().pid();
		SandboxResult result = run("ls /proc | grep -c '^[0-9]'; cat /proc/1/environ; test -e /proc/" + jvm
				+ "/environ && echo JVM-VISIBLE; true");

		assertThat(Integer.parseInt(result.output().lines().findFirst().orElseThrow().strip())).isLessThan(10);
		assertThat(result.output()).doesNotContain("JVM-VISIBLE", "PATH=", "HOME=");
	}

	@Test
	void filesOutsideTheWorkDirectoryAreAbsent() throws Exception {
		Path secrets = Files.createDirectories(temp.resolve("data"));
		Path key = Files.writeString(secrets.resolve("id_rsa"), "PRIVATE KEY 4714");
		Files.createSymbolicLink(work().resolve("key"), key);
		String project = Path.of("").toAbsolutePath().toString();

		SandboxResult result = run("for path in " + key + " key /root /home " + project
				+ " /etc/shadow /etc/postgresql /var; do test -e $path && echo \"PRESENT $path\"; done; cat key " + key
				+ "; true");

		assertThat(result.output()).doesNotContain("PRESENT", "4714");
	}

	@Test
	void onlyTheWorkDirectoryIsWritable() throws Exception {
		SandboxResult result = run("touch /usr/x; touch /etc/x; echo made > made.txt; mkdir -p target/classes;"
				+ " echo home > $HOME/h && cat $HOME/h; touch ../escape " + temp + "/escape2; pwd");

		assertThat(result.output()).contains("'/usr/x': Read-only file system", "'/etc/x': Read-only file system",
				"home", work().toString());
		assertThat(work().resolve("made.txt")).hasContent("made");
		assertThat(work().resolve("target/classes")).isDirectory();
		assertThat(Path.of("/usr/x")).doesNotExist();
		// Above the work directory is the sandbox's own /tmp: writable, but gone with the sandbox.
		assertThat(temp.resolve("escape")).doesNotExist();
		assertThat(temp.resolve("escape2")).doesNotExist();
	}

	@Test
	void aCpuHogIsKilledByItsCpuLimit() throws Exception {
		Sandbox limited = new BubblewrapSandbox(limits(1, 4096, 512, 65536));

		SandboxResult result = limited.run(work(), "while :; do :; done", MINUTE);

		assertThat(result.timedOut()).isFalse();
		assertThat(result.exitCode()).isIn(128 + 24, 128 + 9);
		assertThat(result.duration()).isLessThan(Duration.ofSeconds(30));
	}

	@Test
	void memoryBeyondTheLimitCannotBeAllocated() throws Exception {
		Sandbox limited = new BubblewrapSandbox(limits(600, 256, 512, 65536));
		String allocate = "python3 -c 'x = bytearray(%d * 1024 * 1024); print(\"allocated\")'";

		assertThat(limited.run(work(), allocate.formatted(16), MINUTE).output()).contains("allocated");
		SandboxResult tooMuch = limited.run(work(), allocate.formatted(1024), MINUTE);
		assertThat(tooMuch.exitCode()).isNotZero();
		assertThat(tooMuch.output()).contains("MemoryError").doesNotContain("allocated");
	}

	@Test
	void aForkFloodIsStoppedAtTheProcessLimit() throws Exception {
		Sandbox limited = new BubblewrapSandbox(limits(600, 4096, 20, 65536));

		SandboxResult result = limited.run(work(),
				"i=0; while [ $i -lt 2000 ]; do sleep 101.7 & i=$((i+1)); done; echo all-started", MINUTE);

		// As root only the watchdog can stop it (the kernel exempts uid 0 from RLIMIT_NPROC); as
		// another user the kernel refuses the forks first.
		assertThat(result.timedOut()).isFalse();
		assertThat(result.output()).containsAnyOf("killed because it started more than 22 processes", "Cannot fork");
		assertThat(result.duration()).isLessThan(Duration.ofSeconds(30));
		assertNoProcessLeft("101.7");
	}

	@Test
	void theWallTimeKillsTheWholeProcessTree() throws Exception {
		SandboxResult result = sandbox.run(work(), "(sleep 293.18 &); sleep 293.17 & wait", Duration.ofSeconds(1));

		assertThat(result.timedOut()).isTrue();
		assertThat(result.exitCode()).isNotZero();
		assertThat(result.duration()).isLessThan(Duration.ofSeconds(10));
		assertThat(result.output()).contains("wall time");
		assertNoProcessLeft("293.17");
		assertNoProcessLeft("293.18");
	}

	static void assertNoProcessLeft(String marker) {
		await().atMost(Duration.ofSeconds(5))
			.until(() -> ProcessHandle.allProcesses()
				.noneMatch((process) -> process.info().commandLine().orElse("").contains(marker)));
	}

	@Test
	void largeOutputKeepsHeadAndTailWithoutBlocking() throws Exception {
		Sandbox small = new BubblewrapSandbox(limits(600, 4096, 512, 1000));

		SandboxResult result = small.run(work(), "echo first; echo second >&2; seq 1 2000000; echo last >&2", MINUTE);

		assertThat(result.exitCode()).isZero();
		assertThat(result.output()).startsWith("first\nsecond\n1\n2\n3\n")
			.endsWith("1999999\n2000000\nlast\n")
			.contains("characters of output omitted");
		assertThat(result.output().length()).isLessThan(1100);
	}

	@Test
	void javaCompilesAndRunsInTheWorkDirectory() throws Exception {
		Files.writeString(work().resolve("Hello.java"),
				"class Hello { public static void main(String[] a) { System.out.println(\"hello \" + (6 * 7)); } }");

		SandboxResult version = run("java -version");
		SandboxResult built = run("javac -d classes Hello.java && java -cp classes Hello");

		assertThat(version.exitCode()).as(version.output()).isZero();
		assertThat(version.output()).contains("openjdk version");
		assertThat(built.output()).as(built.output()).contains("hello 42");
		assertThat(work().resolve("classes/Hello.class")).exists();
	}

	@Test
	void pythonRunsAFileOfTheWorkDirectory() throws Exception {
		Files.writeString(work().resolve("test_answer.py"), "import json\nprint(json.dumps({'answer': 6 * 7}))\n");

		SandboxResult result = run("python3 test_answer.py");

		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).contains("{\"answer\": 42}");
		assertThat(result.sandboxed()).isTrue();
	}

	@Test
	void theUnsandboxedRunnerSaysSoAndStillClearsTheEnvironment() throws Exception {
		Sandbox unsandboxed = new UnsandboxedRunner(SandboxProperties.defaults());

		SandboxResult result = unsandboxed.run(work(), "env; cat /proc/self/limits | grep -i 'max processes'", MINUTE);

		assertThat(unsandboxed.availability().description()).startsWith("UNSANDBOXED: commands run as the service user");
		assertThat(result.sandboxed()).isFalse();
		assertThat(result.output()).contains("LANG=C.UTF-8", "512").doesNotContain("HOME=/root", "MAVEN", "JAVA_HOME");
	}

}
