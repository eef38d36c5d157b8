package io.bugbridge.fix.sandbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Stands in for the service, with secrets in its environment, in
 * {@link BubblewrapSandboxTests#secretsInTheServiceEnvironmentStayOutEvenThroughProc}: prints every
 * environment the sandboxed command can find.
 */
final class SandboxedEnvironmentDump {

	public static void main(String[] args) throws Exception {
		SandboxProperties properties = new SandboxProperties("bwrap", false, 600, 4096, 512, Duration.ofMinutes(1), 65536,
				null, List.of("BUGBRIDGE_PASSED"));
		long jvm = ProcessHandle.current().pid();
		SandboxResult result = new BubblewrapSandbox(properties).run(Path.of(args[0]),
				"env; tr '\\0' '\\n' < /proc/1/environ; cat /proc/" + jvm + "/environ; for pid in /proc/[0-9]*; do "
						+ "tr '\\0' '\\n' < $pid/environ; done; exit 0",
				Duration.ofMinutes(1));
		System.out.println(result.output());
		System.out.println("exit=" + result.exitCode());
	}

}
