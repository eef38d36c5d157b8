package io.bugbridge.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code java -jar bugbridge.jar healthcheck}: the same check as {@link HealthCheck}, from the jar. */
@Command(name = "healthcheck", mixinStandardHelpOptions = true,
		description = "Exit 0 when the service on this machine is ready (GET /actuator/health/readiness on"
				+ " SERVER_PORT, default 8080), else 1. For container health checks.")
class HealthCheckCommand implements Callable<Integer> {

	@Parameters(arity = "0..1", paramLabel = "URL", description = "What to check instead, e.g."
			+ " http://127.0.0.1:9090/actuator/health/readiness")
	String url;

	@Override
	public Integer call() {
		return HealthCheck.run(url == null ? new String[0] : new String[] { url }, System.getenv(), System.out);
	}

}
