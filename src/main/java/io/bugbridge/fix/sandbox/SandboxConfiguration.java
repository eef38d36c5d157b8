package io.bugbridge.fix.sandbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Picks bubblewrap unless an admin explicitly turned the sandbox off. */
@Configuration(proxyBeanMethods = false)
class SandboxConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(SandboxConfiguration.class);

	@Bean
	Sandbox autoFixSandbox(SandboxProperties properties) {
		if (properties.unsandboxed()) {
			logger.warn("bugbridge.fix.sandbox.unsandboxed is set: Auto-Fix commands run as the service user, "
					+ "with its network, files and processes in reach of the agent's code");
			return new UnsandboxedRunner(properties);
		}
		return new BubblewrapSandbox(properties);
	}

}
