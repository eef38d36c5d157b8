package io.bugbridge.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Commands run as {@code java -jar bugbridge.jar <command>}. They run without the web server so
 * they start fast and can run beside a live instance.
 */
@Command(name = "java -jar bugbridge.jar", mixinStandardHelpOptions = true,
		description = "BugBridge. Without a command, starts the service.", subcommands = { TokenCommand.class,
				HashPasswordCommand.class, DoctorCommand.class, HealthCheckCommand.class, BenchCommand.class,
				CompactCommand.class })
public final class BugBridgeCli {

	private BugBridgeCli() {
	}

	/** True when the first argument names a command rather than a Spring Boot option. */
	public static boolean isCommand(String[] args) {
		return args.length > 0 && !args[0].startsWith("-")
				|| args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"));
	}

	private static Class<?> application = Object.class;

	/**
	 * Runs a command.
	 * @param application the Spring Boot application class, for commands that start the service
	 * in-process (passed in so that this module need not depend on the application's package)
	 */
	public static int run(String[] args, Class<?> application) {
		BugBridgeCli.application = application;
		return new CommandLine(new BugBridgeCli()).execute(args);
	}

	public static int run(String[] args) {
		return run(args, application);
	}

	static Class<?> application() {
		return application;
	}

}
