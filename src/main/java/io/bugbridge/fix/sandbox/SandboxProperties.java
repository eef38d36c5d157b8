package io.bugbridge.fix.sandbox;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the sandbox Auto-Fix commands run in.
 *
 * @param bwrapPath bubblewrap's executable, a path or a name looked up on the service's PATH
 * @param unsandboxed run commands directly as the service user; only for machines where
 * bubblewrap cannot work, as the agent's code then sees everything the service can
 * @param cpuSeconds CPU time each process of a command may use
 * @param memoryMegabytes address space each process may map; also the size of each scratch
 * file system
 * @param maxProcesses processes (and threads) a command may have at once
 * @param defaultWallTime how long a command may run when the caller names no limit
 * @param maxOutputChars how much output a result keeps, head and tail
 * @param readOnlyPaths extra host paths bound read-only at the same path, e.g. a JDK outside
 * /usr or a Maven repository; none by default
 * @param passEnvironment names of the service's environment variables passed to commands; none
 * by default
 */
@ConfigurationProperties("bugbridge.fix.sandbox")
public record SandboxProperties(@DefaultValue("bwrap") String bwrapPath, @DefaultValue("false") boolean unsandboxed,
		@DefaultValue("600") long cpuSeconds, @DefaultValue("4096") long memoryMegabytes,
		@DefaultValue("512") long maxProcesses, @DefaultValue("15m") Duration defaultWallTime,
		@DefaultValue("65536") int maxOutputChars, List<String> readOnlyPaths, List<String> passEnvironment) {

	public SandboxProperties {
		if (cpuSeconds < 1 || memoryMegabytes < 1 || maxProcesses < 1 || maxOutputChars < 100) {
			throw new IllegalArgumentException("bugbridge.fix.sandbox limits must be positive (max-output-chars at least 100)");
		}
		readOnlyPaths = (readOnlyPaths != null) ? List.copyOf(readOnlyPaths) : List.of();
		passEnvironment = (passEnvironment != null) ? List.copyOf(passEnvironment) : List.of();
	}

	/** The defaults, as Spring would bind them without any setting. */
	public static SandboxProperties defaults() {
		return new SandboxProperties("bwrap", false, 600, 4096, 512, Duration.ofMinutes(15), 65536, null, null);
	}

}
